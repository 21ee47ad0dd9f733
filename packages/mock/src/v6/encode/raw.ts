/**
 * Raw payloads on the way out. The server API writes them through Go's json.Marshal: compacted,
 * `<` `>` `&` U+2028 U+2029 escaped, number literals kept, and bytes that are not JSON fail the
 * whole reply (HTTP 500). The client protocol writes them as published, minus raw `\n` bytes.
 */
import { goCompact } from '../../json/go-compact.js';
import { decodeKeptBytes } from '../../json/kept-bytes.js';
import { checkJson } from '../../json/scan.js';

/** json.Marshal found a payload that is not JSON (`json: error calling MarshalJSON for type Raw`). */
export class GoMarshalError extends Error {
  override readonly name = 'GoMarshalError';
}

export function isEmpty(data: string | Buffer): boolean {
  return data.length === 0;
}

/** The payload as json.Marshal writes a Raw field (check `isEmpty` first: empty is omitted). */
export function apiRaw(data: string | Buffer): string {
  if (typeof data === 'string') return goCompact(data);
  const text = decodeKeptBytes(data).text;
  if (checkJson(text) !== undefined) throw new GoMarshalError('a payload is not JSON');
  return goCompact(text);
}

/** The payload as the client protocol's JSON encoder writes it. */
export function pushRaw(data: string | Buffer): string {
  const text = typeof data === 'string' ? data : decodeKeptBytes(data).text;
  return text.includes('\n') ? text.replace(/\n/g, '') : text;
}
