import { createHmac } from 'node:crypto';
import type { TransportIR } from '../ir/types.js';

/** Where and how to send: an HTTP transport of the protocol, as its manifest describes it. */
export interface HttpTarget {
  /** Server address; the transport's path is appended unless the address already ends with it. */
  readonly address: string;
  readonly transport: TransportIR;
  /** undefined: send no sign (a server set to skip the check). */
  readonly secret: string | undefined;
  readonly timeoutMs: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * Sends the encoded commands (`data`) once, exactly as the transport entry says: POST (or its
 * method) to its path, a form body with the data field and the sign field, or the JSON itself
 * with the sign in a header. The only signing the manifest allows is HMAC-SHA256 in lowercase hex.
 */
export async function postData(target: HttpTarget, data: string): Promise<HttpAnswer> {
  const http = target.transport.http;
  if (http === undefined) throw new Error(`transport ${target.transport.id} is not an HTTP transport`);
  const sign = target.secret === undefined || target.transport.sign === undefined ? undefined : createHmac('sha256', target.secret).update(data).digest('hex');
  const headers: Record<string, string> = { 'content-type': http.contentType ?? (http.body === 'json' ? 'application/json' : 'application/x-www-form-urlencoded') };
  let body = data;
  if (http.body === 'form') {
    const form = new URLSearchParams();
    if (sign !== undefined && target.transport.sign?.field !== undefined) form.set(target.transport.sign.field, sign);
    form.set(http.dataField ?? 'data', data);
    body = form.toString();
  }
  if (sign !== undefined && target.transport.sign?.header !== undefined) headers[target.transport.sign.header] = sign;
  const response = await fetch(endpointUrl(target.address, http.path), { method: http.method, headers, body, signal: AbortSignal.timeout(target.timeoutMs), redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

/** `http://h:8000` + `/api/` → `http://h:8000/api/`; `http://h:8000/prefix/api` stays (with the path's trailing slash). */
export function endpointUrl(address: string, path: string): string {
  const url = new URL(address);
  const base = url.pathname.replace(/\/+$/, '');
  const wanted = path.replace(/\/+$/, '');
  url.pathname = base.endsWith(wanted) && wanted !== '' ? `${base}${path.endsWith('/') ? '/' : ''}` : `${base}${path}`;
  return url.toString();
}

/** The address as reports show it: no credentials, no query. */
export function displayUrl(address: string, path: string): string {
  const url = new URL(endpointUrl(address, path));
  url.username = '';
  url.password = '';
  url.search = '';
  return url.toString();
}
