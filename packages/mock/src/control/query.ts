/**
 * The control API's query parameters, checked: a route takes the parameters it names and no
 * other (a typo such as `chanel=` is an error, not an empty filter), each at most once, with
 * values of the right form. Errors are `MockUsageError`s (400) naming the parameter.
 */
import { MockUsageError } from '../errors.js';
import type { CommandOutcome, Transport } from '../state/recorded-command.js';
import type { CommandFilter } from '../state/recorder.js';

export const MAX_WAIT_MS = 60_000;

const TRANSPORTS: readonly Transport[] = ['http', 'redis'];
const OUTCOMES: readonly CommandOutcome[] = ['ok', 'error', 'rejected', 'ignored'];

/** The parameters of `query`, refusing any not in `allowed` and any given twice. */
export function readQuery(query: string, allowed: readonly string[], route: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (!allowed.includes(name)) {
      const takes = allowed.length === 0 ? 'takes no query parameters' : `takes ${allowed.join(', ')}`;
      throw new MockUsageError(
        'invalid_parameter',
        `unknown query parameter ${JSON.stringify(name)}: ${route} ${takes}`,
      );
    }
    if (out.has(name))
      throw new MockUsageError('invalid_parameter', `query parameter ${JSON.stringify(name)} is given twice`);
    out.set(name, value);
  }
  return out;
}

export const FILTER_PARAMS = ['method', 'channel', 'transport', 'outcome', 'since'] as const;

export function commandFilter(q: ReadonlyMap<string, string>): CommandFilter {
  const filter: { -readonly [K in keyof CommandFilter]: CommandFilter[K] } = {};
  const method = q.get('method');
  const channel = q.get('channel');
  const transport = q.get('transport');
  const outcome = q.get('outcome');
  if (method !== undefined) filter.method = method;
  if (channel !== undefined) filter.channel = channel;
  if (transport !== undefined) filter.transport = oneOf('transport', transport, TRANSPORTS);
  if (outcome !== undefined) filter.outcome = oneOf('outcome', outcome, OUTCOMES);
  const since = q.get('since');
  if (since !== undefined) filter.since = wholeNumber('since', since, Number.MAX_SAFE_INTEGER);
  return filter;
}

/** `timeout` in ms (default 5000, at most 60,000). */
export function waitTimeout(q: ReadonlyMap<string, string>): number {
  const timeout = q.get('timeout');
  return timeout === undefined ? 5000 : wholeNumber('timeout', timeout, MAX_WAIT_MS);
}

function oneOf<T extends string>(name: string, value: string, options: readonly T[]): T {
  if (!(options as readonly string[]).includes(value)) {
    throw new MockUsageError(
      'invalid_parameter',
      `query parameter ${name}=${JSON.stringify(value)}: must be one of ${options.join(', ')}`,
    );
  }
  return value as T;
}

function wholeNumber(name: string, value: string, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n <= max))
    throw new MockUsageError(
      'invalid_parameter',
      `query parameter ${name}=${JSON.stringify(value)}: must be a whole number from 0 to ${max}`,
    );
  return n;
}
