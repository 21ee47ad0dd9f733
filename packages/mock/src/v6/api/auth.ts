/**
 * The API key check (Centrifugo v6 internal/middleware/auth.go), in its order: a configured key
 * of '' refuses everything; a non-empty `X-API-Key` is compared and `Authorization` is then not
 * looked at; else `Authorization` must be exactly two fields (Go's strings.Fields) `apikey
 * <key>`, the scheme in any case; whatever the headers said, a request with a query string
 * still passes with `?api_key=<key>` (Go's url.Query, first value). Compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import { parseQueryInto } from '../../http/form.js';
import { firstHeader } from '../../http/raw-header.js';

/** unicode.IsSpace, as strings.Fields splits on it. */
const GO_SPACES = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** `keyBytes`: the key's UTF-8 bytes (a server keeps them: `AdmitMemo`). */
export function keyAccepted(
  key: string,
  rawHeaders: readonly string[],
  query: string,
  keyBytes: Buffer = Buffer.from(key, 'utf8'),
): boolean {
  if (key === '') return false;
  let valid = false;
  const xApiKey = firstHeader(rawHeaders, 'x-api-key') ?? '';
  if (xApiKey !== '') valid = same(keyBytes, Buffer.from(xApiKey, 'latin1'));
  else {
    const authorization = firstHeader(rawHeaders, 'authorization') ?? '';
    if (authorization !== '') {
      const parts = Buffer.from(authorization, 'latin1')
        .toString('utf8')
        .split(GO_SPACES)
        .filter((p) => p !== '');
      valid =
        parts.length === 2 &&
        goLower(parts[0] as string) === 'apikey' &&
        same(keyBytes, Buffer.from(parts[1] as string, 'utf8'));
    }
  }
  if (!valid && query !== '') {
    let fromQuery: Buffer | undefined;
    parseQueryInto(
      { has: () => fromQuery !== undefined, set: (_n, v) => (fromQuery = v) },
      Buffer.from(query, 'latin1'),
      ['api_key'],
    );
    valid = same(keyBytes, fromQuery ?? Buffer.alloc(0));
  }
  return valid;
}

/** strings.ToLower: simple case mapping, so `İ` (U+0130) lowers to `i` as in Go, not to `i̇`. */
function goLower(s: string): string {
  return s.replace(/\u0130/g, 'i').toLowerCase();
}

/** Equality of the key and a candidate, in constant time for a candidate of the key's length. */
function same(expected: Buffer, candidate: Buffer): boolean {
  return candidate.length === expected.length && timingSafeEqual(expected, candidate);
}
