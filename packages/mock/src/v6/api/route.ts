/**
 * Which handler a request reaches on the v6 server (Go ServeMux, Go 1.22+ rules): a path that
 * needs cleaning is redirected (307); `<prefix>` is the legacy route and `<prefix>/<method>` the
 * 21 method routes, exact matches only (an empty `handler_prefix` is the default `/api`; `/`
 * makes the legacy route a catch-all); `/health` when enabled; everything else is 404. Paths are
 * matched unescaped; a bad escape is a 400 of Go's server.
 */
import { cleanPath, escapePath, needsCleaning, unescapePath } from '../../http/go-url.js';
import type { ResolvedConfigV6 } from '../config/types.js';
import { methodOf, type MethodName } from '../protocol.js';

export type RouteV6 =
  | { readonly kind: 'method'; readonly method: MethodName; readonly query: string }
  | { readonly kind: 'legacy'; readonly query: string }
  | { readonly kind: 'health' }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request' };

export interface Target {
  /** The unescaped path, as bytes (one char per byte, as Node gives a request target). */
  readonly path: string;
  readonly query: string;
}

/** The request target split into its unescaped path and raw query; undefined for one Go cannot parse. */
export function splitTarget(target: string): Target | undefined {
  const q = target.indexOf('?');
  let rawPath = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  if (!rawPath.startsWith('/')) {
    const m = /^[a-z][a-z0-9+\-.]*:\/\/[^/]*/i.exec(rawPath);
    if (m === null) return undefined;
    rawPath = rawPath.slice(m[0].length);
  }
  const path = unescapePath(rawPath);
  return path === undefined ? undefined : { path, query };
}

/** The API prefix as the mux registers it: trailing slashes trimmed, `/` when nothing is left. */
export function apiPrefix(config: ResolvedConfigV6): string {
  return config.httpApi.handlerPrefix.replace(/\/+$/, '') || '/';
}

/** The handler `t` reaches with `config`'s routes. */
export function routeV6(t: Target, config: ResolvedConfigV6): RouteV6 {
  const clean = needsCleaning(t.path) ? cleanPath(t.path) : t.path;
  if (clean !== t.path)
    return { kind: 'redirect', location: escapePath(clean) + (t.query === '' ? '' : `?${t.query}`) };
  const prefix = Buffer.from(apiPrefix(config), 'utf8').toString('latin1');
  const base = prefix === '/' ? '' : prefix;
  if (t.path.startsWith(`${base}/`)) {
    const method = methodOf(t.path.slice(base.length + 1));
    if (method !== undefined) return { kind: 'method', method, query: t.query };
  }
  if (
    config.health.enabled &&
    t.path === Buffer.from(config.health.handlerPrefix.replace(/\/+$/, '') || '/', 'utf8').toString('latin1')
  )
    return { kind: 'health' };
  if (t.path === prefix || prefix === '/') return { kind: 'legacy', query: t.query };
  return { kind: 'not-found' };
}
