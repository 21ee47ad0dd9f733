/**
 * Turns the request's `data` into commands as `api.go:28-55` does: the first byte must be `{`
 * (one command) or `[` (a batch), the whole text must be valid JSON, each element an object
 * (or `null`: a zero command), `uid` and `method` strings, `params` kept raw. Any failure is
 * a hard error: HTTP 400 for the whole request, before any command runs.
 */
import { decodeGoStructAt } from '../json/go-decode.js';
import { goTable } from '../json/go-kinds.js';
import { checkJson, skipSpace } from '../json/scan.js';
import { jsonType } from '../json/walk.js';

/** The command envelope (`proto.APICommand`), a struct of its own: params decode later, by method. */
export const COMMAND = goTable({ Command: { uid: 'string', method: 'string', params: 'raw' } } as const);

export interface RawCommand {
  readonly uid: string;
  readonly method: string;
  /** `params` as received; undefined when the key is absent. */
  readonly params: string | undefined;
}

export interface DecodeFailure {
  readonly ok: false;
  readonly kind: 'data' | 'command';
  /** `first-byte`, `syntax`: of `data`; `not-object`: an element; `field`: a uid or method of the wrong type. */
  readonly reason: 'first-byte' | 'syntax' | 'not-object' | 'field';
  /** JSON pointer into `data`. */
  readonly path: string;
  readonly message: string;
  /** Where the offending value starts in the text. */
  readonly offset: number;
}

export type DecodeResult =
  { readonly ok: true; readonly commands: RawCommand[]; readonly batch: boolean } | DecodeFailure;

export function decodeCommands(data: string): DecodeResult {
  const first = data.charCodeAt(0);
  if (first !== 123 && first !== 91) {
    return {
      ok: false,
      kind: 'data',
      reason: 'first-byte',
      path: '',
      message: 'data must start with "{" (one command) or "[" (a batch); no leading whitespace',
      offset: 0,
    };
  }
  const syntax = checkJson(data);
  if (syntax)
    return {
      ok: false,
      kind: 'data',
      reason: 'syntax',
      path: '',
      message: `invalid JSON at offset ${syntax.offset}: ${syntax.message}`,
      offset: syntax.offset,
    };
  if (first === 123) {
    const one = decodeCommand(data, 0);
    return one.ok ? { ok: true, commands: [one.command], batch: false } : one;
  }
  return decodeCommandArray(data, 0, '');
}

/** Decodes the array at `start` (already syntax-checked) into commands. */
export function decodeCommandArray(text: string, start: number, basePath: string): DecodeResult {
  const commands: RawCommand[] = [];
  let j = skipSpace(text, start + 1);
  if (text.charCodeAt(j) !== 93) {
    while (j < text.length) {
      const one = decodeCommand(text, j);
      if (!one.ok) return { ...one, path: `${basePath}/${commands.length}${one.path}` };
      commands.push(one.command);
      j = skipSpace(text, one.end);
      if (text.charCodeAt(j) !== 44) break;
      j = skipSpace(text, j + 1);
    }
  }
  return { ok: true, commands, batch: true };
}

/** One command and where it ends; a failure's `path` is relative to the command. */
function decodeCommand(
  text: string,
  start: number,
): { readonly ok: true; readonly command: RawCommand; readonly end: number } | DecodeFailure {
  const c = text.charCodeAt(start);
  if (c !== 123 && c !== 110)
    return {
      ok: false,
      kind: 'command',
      reason: 'not-object',
      path: '',
      message: `a command must be an object (got ${jsonType(c)})`,
      offset: start,
    };
  const r = decodeGoStructAt(text, start, COMMAND, 'Command');
  if (!r.ok) return { ok: false, kind: 'command', reason: 'field', path: r.path, message: r.message, offset: r.offset };
  return { ok: true, command: r.value, end: r.end };
}
