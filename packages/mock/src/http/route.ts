/**
 * Request routing as Go's ServeMux (the Go 1.21 one that served Centrifugo 1.8.0) does it for
 * Centrifugo's handlers: the path is unescaped and cleaned; a path that cleans to
 * `<http_prefix>/api` is redirected to `<http_prefix>/api/` (301), any other path that cleaning
 * changes to its clean form; the `<http_prefix>/api/` subtree is the API, everything else 404.
 * `/_mock/` (the control API, not part of Centrifugo) is matched first. A target Go cannot parse
 * is answered by the server itself (`bad-request`), `*` as Go's server and mux answer it.
 */
import { cleanPath, escapePath, needsCleaning, unescapePath } from './go-url.js';

export type Route =
  | { readonly kind: 'api'; readonly query: string }
  | { readonly kind: 'control'; readonly path: string; readonly query: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request' }
  /** `OPTIONS *`: Go's server answers 200 itself. */
  | { readonly kind: 'options-star' }
  /** `*` with another method: the mux answers 400 with no body. */
  | { readonly kind: 'star' };

export const CONTROL_PREFIX = '/_mock';

/** A path (unescaped) of the control API. */
export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/**
 * `routeOf` for one server, remembering the last answer: a client sends the same target again
 * and again (routes are never mutated). One per server, made with it.
 */
export class RouteMemo {
  private lastMethod = '';
  private lastTarget: string | undefined;
  private lastRoute: Route = { kind: 'not-found' };

  constructor(
    private readonly httpPrefix: string,
    private readonly control: boolean,
  ) {}

  route(method: string, target: string): Route {
    if (target !== this.lastTarget || method !== this.lastMethod) {
      this.lastRoute = routeOf(method, target, this.httpPrefix, this.control);
      this.lastTarget = target;
      this.lastMethod = method;
    }
    return this.lastRoute;
  }
}

/** `target` as Node gives it: the request line's bytes, one char per byte. */
export function routeOf(method: string, target: string, httpPrefix: string, control: boolean): Route {
  if (target === '*') return method === 'OPTIONS' ? { kind: 'options-star' } : { kind: 'star' };
  let rawPath = target;
  let query = '';
  const q = target.indexOf('?');
  if (q >= 0) {
    rawPath = target.slice(0, q);
    query = target.slice(q + 1);
  }
  if (!rawPath.startsWith('/')) {
    const m = /^[a-z][a-z0-9+\-.]*:\/\/[^/]*/i.exec(rawPath);
    if (m === null) return { kind: 'bad-request' };
    rawPath = rawPath.slice(m[0].length);
  }
  const path = unescapePath(rawPath);
  if (path === undefined) return { kind: 'bad-request' };
  const decoded = Buffer.from(path, 'latin1').toString('utf8');
  if (control && isControlPath(decoded)) return { kind: 'control', path: decoded, query };
  const clean = needsCleaning(path) ? cleanPath(path) : path;
  const suffix = query === '' ? '' : `?${query}`;
  // The prefix as the bytes a request carries it in.
  const api = Buffer.from(`${httpPrefix}/api`, 'utf8').toString('latin1');
  // The /tree → /tree/ redirect comes first, then the one to the cleaned path.
  if (clean === api) return { kind: 'redirect', location: `${escapePath(`${api}/`)}${suffix}` };
  if (clean !== path) return { kind: 'redirect', location: `${escapePath(clean)}${suffix}` };
  if (path.startsWith(`${api}/`)) return { kind: 'api', query };
  return { kind: 'not-found' };
}
