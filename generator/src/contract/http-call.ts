import { createHmac } from 'node:crypto';
import type { TransportIR } from '../ir/types.js';

/** What the runner may send to authenticate; the transport's `auth` says which is used. Never printed. */
export interface Credentials {
  /** Send none (a server set to skip the check). */
  readonly insecure: boolean;
  /** HMAC secret, for `hmac` auth. */
  readonly secret?: string;
  /** API key, for `api-key` auth. */
  readonly apiKey?: string;
}

/** Where and how to send: an HTTP transport of the protocol, as its descriptor says. */
export interface HttpTarget {
  /** Server address; the transport's path is appended unless the address already ends with its fixed part. */
  readonly address: string;
  readonly transport: TransportIR;
  readonly credentials: Credentials;
  readonly timeoutMs: number;
}

/** One request, ready to send: the path (method filled in), headers and body. */
export interface HttpRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * The request for one call, exactly as the descriptor says: the method in the path or in a
 * command object (in an array when the transport batches that way), a JSON or form body, and
 * the credentials where `auth` puts them: an HMAC-SHA256 sign of the encoded commands in a form
 * field or a header, or the API key in its header.
 */
export function buildRequest(target: HttpTarget, method: string, params: unknown): HttpRequest {
  const { transport, credentials } = target;
  const http = transport.http;
  if (http === undefined) throw new Error(`transport ${transport.id} is not an HTTP transport`);
  const request = transport.request;
  const data =
    request.shape === 'params'
      ? JSON.stringify(params)
      : JSON.stringify(
          transport.batch?.item === 'array'
            ? [{ [request.method]: method, [request.params]: params }]
            : { [request.method]: method, [request.params]: params },
        );
  const headers: Record<string, string> = {
    'content-type':
      http.contentType ?? (http.body === 'json' ? 'application/json' : 'application/x-www-form-urlencoded'),
  };
  const auth = credentials.insecure ? undefined : transport.auth;
  let body = data;
  if (auth?.scheme === 'hmac') {
    const sign = createHmac('sha256', credentials.secret ?? '')
      .update(data)
      .digest('hex');
    if (auth.header !== undefined) headers[auth.header] = sign;
    if (http.body === 'form') body = form(http.dataField ?? 'data', data, auth.field, sign);
  } else {
    if (http.body === 'form') body = form(http.dataField ?? 'data', data, undefined, '');
    if (auth?.scheme === 'api-key') headers[auth.header] = `${auth.prefix ?? ''}${credentials.apiKey ?? ''}`;
  }
  return { url: endpointUrl(target.address, http.path, method), method: http.method, headers, body };
}

function form(dataField: string, data: string, signField: string | undefined, sign: string): string {
  const fields = new URLSearchParams();
  if (signField !== undefined) fields.set(signField, sign);
  fields.set(dataField, data);
  return fields.toString();
}

/** Sends one request once, with the target's timeout; redirects are answers, not followed. */
export async function send(request: HttpRequest, timeoutMs: number): Promise<HttpAnswer> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'manual',
  });
  return { status: response.status, body: await response.text() };
}

/**
 * `http://h:8000` + `/api/` → `http://h:8000/api/`; `http://h:8000/prefix/api` stays (with the
 * path's trailing slash); with `{method}` in the path (`/api/{method}`), its fixed part is what
 * the address may already end with, and the method fills the placeholder.
 */
export function endpointUrl(address: string, path: string, method?: string): string {
  const url = new URL(address);
  const base = url.pathname.replace(/\/+$/, '');
  const cut = path.indexOf('{');
  const fixed = cut === -1 ? path : path.slice(0, cut);
  const rest = cut === -1 ? '' : path.slice(cut);
  const wanted = fixed.replace(/\/+$/, '');
  const joined =
    base.endsWith(wanted) && wanted !== '' ? `${base}${fixed.endsWith('/') ? '/' : ''}${rest}` : `${base}${path}`;
  url.pathname = method === undefined ? joined : joined.replaceAll('{method}', encodeURIComponent(method));
  return url.toString().replaceAll('%7Bmethod%7D', '{method}');
}

/** The address as reports show it: no credentials, no query. */
export function displayUrl(address: string, path: string): string {
  const url = new URL(endpointUrl(address, path));
  url.username = '';
  url.password = '';
  url.search = '';
  return url.toString().replaceAll('%7Bmethod%7D', '{method}');
}
