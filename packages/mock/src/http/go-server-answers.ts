/**
 * What Go's server writes by itself on the connection, before any handler, for a request it
 * cannot take (net/http `conn.serve`): a status line, a plain-text content type, `Connection:
 * close`, the text, and no Date or length. Then it closes the connection.
 */
import { asciiLowerEquals } from './raw-header.js';

const ERROR_HEADERS = '\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n';

/** A request Go cannot parse (malformed line, URL, header, Content-Length...). */
export const GO_BAD_REQUEST = `HTTP/1.1 400 Bad Request${ERROR_HEADERS}400 Bad Request`;

/** A request line and headers longer than Go's MaxHeaderBytes (1 MiB) plus its 4096 bytes of slack. */
export const GO_HEADERS_TOO_LARGE = `HTTP/1.1 431 Request Header Fields Too Large${ERROR_HEADERS}431 Request Header Fields Too Large`;

/** A transfer coding other than chunked. */
export const GO_UNSUPPORTED_TRANSFER_ENCODING = `HTTP/1.1 501 Not Implemented${ERROR_HEADERS}Unsupported transfer encoding`;

/** Go's `statusError` answers: `400 Bad Request: <text>` in the status line and the body. */
export function goStatusError(code: number, status: string, text: string): string {
  return `HTTP/1.1 ${code} ${status}: ${text}${ERROR_HEADERS}${code} ${status}: ${text}`;
}

/** Go's DefaultMaxHeaderBytes and the bufio slack it reads beyond (`initialReadLimitSize`). */
export const GO_MAX_HEADER_BYTES = (1 << 20) + 4096;

/**
 * The bytes of a request's line and headers as sent in the usual form (`Name: value` lines,
 * CRLF). Node's own limit counts only the target, names and values, so a head Go refuses can
 * pass it; this measure decides instead (exact for the usual form, within a few bytes per
 * header line otherwise).
 */
export function headBytes(method: string, url: string, httpVersion: string, rawHeaders: readonly string[]): number {
  let n = method.length + url.length + httpVersion.length + 9; // 'M U HTTP/x.y\r\n'
  for (let i = 0; i < rawHeaders.length; i += 1) n += (rawHeaders[i] as string).length;
  return n + 4 * (rawHeaders.length / 2) + 2;
}

const HOST_BYTE = /^[0-9A-Za-z!$%&'()*+,\-.:;=[\]_~]*$/;

/**
 * Go's checks on a request it has read, before any handler (`conn.readRequest`, `readRequest`):
 * the raw answer to write, or undefined to go on.
 */
export function checkRequestHead(
  httpVersion: string,
  method: string,
  url: string,
  rawHeaders: readonly string[],
): string | undefined {
  if (headBytes(method, url, httpVersion, rawHeaders) > GO_MAX_HEADER_BYTES) return GO_HEADERS_TOO_LARGE;
  const hosts = hostsOf(rawHeaders);
  if (hosts.length > 1) return GO_BAD_REQUEST; // "too many Host headers": a plain error
  if (hosts.length === 0 && httpVersion !== '1.0' && method !== 'CONNECT')
    return goStatusError(400, 'Bad Request', 'missing required Host header');
  if (hosts.length === 1 && !HOST_BYTE.test(hosts[0] as string))
    return goStatusError(400, 'Bad Request', 'malformed Host header');
  return undefined;
}

/** The Host header values, from the raw list (Node joins or drops repeats in `headers`). */
function hostsOf(rawHeaders: readonly string[]): string[] {
  const hosts: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (name.length === 4 && asciiLowerEquals(name, 'host')) hosts.push(rawHeaders[i + 1] as string);
  }
  return hosts;
}
