/**
 * Turns the request's `data` into commands as `api.go:28-55` does: the first byte must be `{`
 * (one command) or `[` (a batch), the whole text must be valid JSON, each element an object
 * (or `null`: a zero command), `uid` and `method` strings, `params` kept raw. Any failure is
 * a hard error: HTTP 400 for the whole request, before any command runs.
 */
import { decodeStruct, jsonType, lastStructEnd } from '../json/go-struct.js';
import { checkJson, skipSpace } from '../json/scan.js';

export interface RawCommand {
  readonly uid: string;
  readonly method: string;
  /** `params` as received; undefined when the key is absent. */
  readonly params: string | undefined;
}

export interface DecodeFailure {
  readonly ok: false;
  readonly kind: 'data' | 'command';
  /** JSON pointer into `data`. */
  readonly path: string;
  readonly message: string;
}

export type DecodeResult = { readonly ok: true; readonly commands: RawCommand[]; readonly batch: boolean } | DecodeFailure;

const COMMAND = { uid: 'string', method: 'string', params: 'raw' } as const;

export function decodeCommands(data: string): DecodeResult {
  const first = data.charCodeAt(0);
  if (first !== 123 && first !== 91) {
    return { ok: false, kind: 'data', path: '', message: 'data must start with "{" (one command) or "[" (a batch); no leading whitespace' };
  }
  const syntax = checkJson(data);
  if (syntax) return { ok: false, kind: 'data', path: '', message: `invalid JSON at offset ${syntax.offset}: ${syntax.message}` };
  if (first === 123) {
    const one = decodeCommand(data, 0);
    return 'ok' in one ? one : { ok: true, commands: [one], batch: false };
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
      if ('ok' in one) return { ...one, path: `${basePath}/${commands.length}${one.path}` };
      commands.push(one);
      // A decoded command (object or null) ends where decodeStruct stopped: no second walk.
      j = skipSpace(text, lastStructEnd());
      if (text.charCodeAt(j) !== 44) break;
      j = skipSpace(text, j + 1);
    }
  }
  return { ok: true, commands, batch: true };
}

/** One command (a decoded value has no `ok` key); a failure's `path` is relative to the command. */
function decodeCommand(text: string, start: number): RawCommand | DecodeFailure {
  const c = text.charCodeAt(start);
  if (c !== 123 && c !== 110) return { ok: false, kind: 'command', path: '', message: `a command must be an object (got ${jsonType(c)})` };
  const r = decodeStruct(text, start, text.length, COMMAND);
  if (!r.ok) return { ok: false, kind: 'command', path: r.path, message: r.message };
  return r.value;
}
