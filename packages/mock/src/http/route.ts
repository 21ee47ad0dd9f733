/**
 * Request routing as Go's ServeMux does it for Centrifugo's handlers: the path is unescaped and
 * cleaned (a path that changes is redirected), `<http_prefix>/api/` is a subtree, the bare
 * `<http_prefix>/api` is redirected to it with 301, everything else is 404. `/_mock/` (the
 * control API, not part of Centrifugo) is matched first.
 */
export type Route =
  | { readonly kind: 'api'; readonly query: string }
  | { readonly kind: 'control'; readonly path: string; readonly query: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request' };

export const CONTROL_PREFIX = '/_mock';

let lastTarget: string | undefined;
let lastPrefix = '';
let lastControl = false;
let lastRoute: Route = { kind: 'not-found' };

/** `routeOf`, remembering the last answer: a client sends the same target again and again (routes are never mutated). */
export function route(target: string, httpPrefix: string, control: boolean): Route {
  if (target !== lastTarget || httpPrefix !== lastPrefix || control !== lastControl) {
    lastRoute = routeOf(target, httpPrefix, control);
    lastTarget = target;
    lastPrefix = httpPrefix;
    lastControl = control;
  }
  return lastRoute;
}

function routeOf(target: string, httpPrefix: string, control: boolean): Route {
  let rawPath = target;
  let query = '';
  const q = target.indexOf('?');
  if (q >= 0) {
    rawPath = target.slice(0, q);
    query = target.slice(q + 1);
  }
  if (!rawPath.startsWith('/')) {
    const m = /^https?:\/\/[^/]*/i.exec(rawPath);
    if (m === null) return rawPath === '*' ? { kind: 'bad-request' } : { kind: 'not-found' };
    rawPath = rawPath.slice(m[0].length) || '/';
  }
  const path = rawPath.includes('%') ? unescapePath(rawPath) : rawPath;
  if (path === undefined) return { kind: 'bad-request' };
  if (control && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))) return { kind: 'control', path, query };
  const clean = needsCleaning(path) ? cleanPath(path) : path;
  const suffix = query === '' ? '' : `?${query}`;
  if (clean !== path) return { kind: 'redirect', location: encodeURI(clean) + suffix };
  const api = `${httpPrefix}/api`;
  if (path.startsWith(`${api}/`)) return { kind: 'api', query };
  if (path === api) return { kind: 'redirect', location: `${encodeURI(api)}/${suffix}` };
  return { kind: 'not-found' };
}

function unescapePath(p: string): string | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(p)) return undefined;
  return Buffer.from(p.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

function needsCleaning(p: string): boolean {
  return p.includes('//') || p.includes('/./') || p.includes('/../') || p.endsWith('/.') || p.endsWith('/..');
}

/** Go's `cleanPath`: path.Clean, keeping a trailing slash. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  let clean = `/${out.join('/')}`;
  if (p.endsWith('/') && clean !== '/') clean += '/';
  return clean;
}
