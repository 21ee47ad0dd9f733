import { CentUsageError } from '../errors.js';
import { redactAddress } from '../redact-url.js';

/**
 * The API URL for an address, by cent's rule without its `/api/api/` bug:
 * trailing slashes are stripped, then `/api/` is appended unless the path already ends in `/api`.
 *
 *   http://h:8000          -> http://h:8000/api/
 *   http://h:8000/         -> http://h:8000/api/
 *   http://h:8000/api(/)   -> http://h:8000/api/      (cent 1.1.0: /api/api/)
 *   http://h:8000/prefix   -> http://h:8000/prefix/api/
 *
 * Unlike cent, the query string is kept after the path (cent appended `/api/` to it) and a
 * fragment is dropped.
 */
export function buildApiUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new CentUsageError(`address must be an absolute http(s) URL, got ${JSON.stringify(redactAddress(address))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CentUsageError(`address must use http: or https:, got ${url.protocol}`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api') ? `${path}/` : `${path}/api/`;
  url.hash = '';
  return url;
}
