/** One HTTP exchange of the v6 API as plain data: what the pure request layer reads and answers. */
import { hexEscapeNonAscii, htmlEscape } from '../../http/go-url.js';
import { encodeKeptBytes, hasKeptBytes } from '../../json/kept-bytes.js';
import { hardError, type HardErrorId } from '../protocol.js';

export interface RequestV6 {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly target: string;
  /** Node's `rawHeaders`: name, value, name, value… (repeated headers kept, first one wins). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface ResponseV6 {
  readonly status: number;
  /** Every header but the length (the server layer adds `Content-Length` or chunks). */
  readonly headers: Readonly<Record<string, string>>;
  /** Text (written as UTF-8), or bytes. */
  readonly body: string | Buffer;
}

const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } as const;
const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

/** A hard error of the catalogue: Go's `http.Error` text, or an empty body (401, 405). */
export function hard(id: HardErrorId): ResponseV6 {
  const e = hardError(id);
  return { status: e.status, headers: e.body === '' ? {} : PLAIN, body: e.body };
}

/** A JSON answer; raw bytes that were not UTF-8 (kept through strings, json/kept-bytes.ts) go back as they came. */
export function json(body: string, status = 200): ResponseV6 {
  return { status, headers: JSON_TYPE, body: hasKeptBytes(body) ? encodeKeptBytes(body) : body };
}

/**
 * Go ServeMux's redirect of a path that needs cleaning (`http.Redirect` with 307): GET gets a
 * tiny HTML page, HEAD its content type only. `location` is the escaped path and raw query
 * (bytes, one char each).
 */
export function redirect(method: string, location: string): ResponseV6 {
  const Location = hexEscapeNonAscii(location);
  if (method === 'HEAD')
    return { status: 307, headers: { Location, 'Content-Type': 'text/html; charset=utf-8' }, body: '' };
  if (method !== 'GET') return { status: 307, headers: { Location }, body: '' };
  return {
    status: 307,
    headers: { Location, 'Content-Type': 'text/html; charset=utf-8' },
    body: Buffer.from(`<a href="${htmlEscape(location)}">Temporary Redirect</a>.\n\n`, 'latin1'),
  };
}
