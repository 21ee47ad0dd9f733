/**
 * What goes to stdout: one JSON value per command, in order, shaped like the server's reply
 * item (`method`, `error`, `advice` when given, `body` on success). Pretty-printed (2 spaces)
 * when stdout is a terminal, one compact line each when piped. `--raw` bypasses this.
 */
import type { BatchEntry } from '@centkit/client';

export interface Failure {
  /** 0-based position of the command. */
  readonly index: number;
  readonly method: string;
  readonly error: string;
  readonly advice: string | undefined;
}

export function formatEntry(entry: BatchEntry<unknown>, pretty: boolean): string {
  const item = entry.ok
    ? { method: entry.method, error: null, body: entry.body }
    : { method: entry.method, error: entry.error, ...(entry.advice === undefined ? {} : { advice: entry.advice }) };
  return `${JSON.stringify(item, null, pretty ? 2 : undefined)}\n`;
}

export function failuresOf(entries: readonly BatchEntry<unknown>[], offset = 0): Failure[] {
  return entries.flatMap((e, index) =>
    e.ok ? [] : [{ index: offset + index, method: e.method, error: e.error, advice: e.advice }],
  );
}

/**
 * The failures in a `--raw` reply (items with a non-empty `error`), or undefined when the body
 * is not the array of `count` items Centrifugo sends.
 */
export function failuresInRaw(body: Buffer, count: number, offset = 0): Failure[] | undefined {
  let items: unknown;
  try {
    items = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(items) || items.length !== count) return undefined;
  const failures: Failure[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') return undefined;
    const { method, error, advice } = item as Record<string, unknown>;
    if (error !== undefined && error !== null && error !== '') {
      failures.push({
        index: offset + index,
        method: String(method),
        error: String(error),
        advice: typeof advice === 'string' && advice !== '' ? advice : undefined,
      });
    }
  }
  return failures;
}

/** The one stderr line (without `cent: `) for commands whose reply carried an error. */
export function describeFailures(
  first: Failure,
  failed: number,
  total: number,
  lineOf: (index: number) => string,
): string {
  const advice = first.advice === undefined ? '' : ` (advice: ${first.advice})`;
  if (total === 1) return `${first.method} failed: ${first.error}${advice}. The reply is on stdout`;
  return `${failed} of ${total} commands failed, first ${lineOf(first.index)} ${first.method}: ${first.error}${advice}. Each command's reply is on stdout, one per line, in order`;
}
