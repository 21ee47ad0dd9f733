/**
 * JSON input (params, batch lines) parsed with a message that says where it came from and
 * where in it the problem is, refusing numbers JavaScript cannot carry exactly: cent (Python)
 * sent `12345678901234567890` as typed and `1e400` as `Infinity`; JSON.parse would quietly turn
 * them into `12345678901234567000` and `null`. Nothing is sent in that case.
 */
import { paramsError } from '../errors.js';

/** Parses `text` (from `where`, e.g. `--params`, `stdin`, `batch line 3`) and returns the value. */
export function parseJson(text: string, where: string, fix: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw paramsError(`${where} is not valid JSON: ${describe(error, text)}`, fix);
  }
  const inexact = findInexactNumber(text);
  if (inexact !== undefined) {
    throw paramsError(
      `${where} holds the number ${inexact.token} (line ${inexact.line}, column ${inexact.column}), which JSON numbers in JavaScript cannot carry exactly`,
      'Send it as a string, or with at most 15 significant digits.',
    );
  }
  return value;
}

/** `an object`, `an array`, `a string`, `null`... for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describe(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const { line, column } = lineColumn(text, Number(position));
  return `${message.replace(/ in JSON at position \d+| at position \d+/, '')} (line ${line}, column ${column})`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** The first number token (outside strings) of valid JSON that does not survive `JSON.parse`. */
export function findInexactNumber(text: string): { token: string; line: number; column: number } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c !== '-' && (c === undefined || c < '0' || c > '9')) continue;
    NUMBER.lastIndex = i;
    const token = NUMBER.exec(text)?.[0] ?? c;
    const value = Number(token);
    const isInteger = /^-?\d+$/.test(token);
    if (!Number.isFinite(value) || (isInteger && !Number.isSafeInteger(value) && BigInt(token) !== BigInt(value))) {
      return { token, ...lineColumn(text, i) };
    }
    i += token.length - 1;
  }
  return undefined;
}
