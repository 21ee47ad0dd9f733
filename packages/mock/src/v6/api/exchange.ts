/** One HTTP exchange of the v6 API as plain data: what the pure request layer reads and answers. */
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
  readonly body: string;
}

const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } as const;
const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

/** A hard error of the catalogue: Go's `http.Error` text, or an empty body (401, 405). */
export function hard(id: HardErrorId): ResponseV6 {
  const e = hardError(id);
  return { status: e.status, headers: e.body === '' ? {} : PLAIN, body: e.body };
}

export function json(body: string, status = 200): ResponseV6 {
  return { status, headers: JSON_TYPE, body };
}

/** Go ServeMux's redirect of a path that needs cleaning (307; GET and HEAD get a tiny HTML body). */
export function redirect(method: string, location: string): ResponseV6 {
  if (method !== 'GET' && method !== 'HEAD') return { status: 307, headers: { Location: location }, body: '' };
  const href = location.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return { status: 307, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, body: `<a href="${href}">Temporary Redirect</a>.\n\n` };
}
