/** The few fixed answers Go's net/http gives, plus the JSON reply. */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { encodeKeptBytes } from '../json/kept-bytes.js';
import type { ApiResponse } from './exchange.js';
import { hexEscapeNonAscii, htmlEscape } from './go-url.js';
import { jsonBytesReply, type ReplyFlush } from './reply-flush.js';

const PLAIN = 'text/plain; charset=utf-8';

/** Go's `http.Error`: status text plus newline, text/plain, nosniff. */
export function sendError(res: ApiResponse, status: number, body = `${STATUS_CODES[status] ?? 'Error'}\n`): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'Content-Type': PLAIN,
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendNotFound(res: ServerResponse): void {
  sendError(res, 404, '404 page not found\n');
}

/**
 * Go's `http.Redirect` with 301, as ServeMux sends it: GET gets a tiny HTML page, HEAD its content
 * type only. `location` is the escaped path and raw query (bytes, one char each).
 */
export function sendRedirect(res: ServerResponse, method: string, location: string): void {
  const headers = { Location: hexEscapeNonAscii(location) };
  if (method === 'GET') {
    const body = Buffer.from(`<a href="${htmlEscape(location)}">Moved Permanently</a>.\n\n`, 'latin1');
    res.writeHead(301, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  } else if (method === 'HEAD') {
    res.writeHead(301, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end();
  } else {
    res.writeHead(301, { ...headers, 'Content-Length': 0 });
    res.end();
  }
}

/** Writes `raw` (bytes, one char each) straight to the connection and closes it, as Go's server does for unreadable requests. */
export function sendRawAndClose(res: ApiResponse, raw: string): void {
  const socket = res.socket;
  if (socket === null || socket.destroyed) return;
  socket.write(raw, 'latin1');
  socket.destroySoon();
}

/** `OPTIONS *`: Go's server answers it without a handler. */
export function sendOptionsStar(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Length': 0 });
  res.end();
}

/** Another method with `*`: ServeMux answers 400, no body, and closes an HTTP/1.1 connection. */
export function sendStar(res: ServerResponse, http11: boolean): void {
  // Set, not passed to writeHead: the Go reader (js-http1.ts) looks for it to close after the answer.
  if (http11) res.setHeader('Connection', 'close');
  res.writeHead(400, { 'Content-Length': 0 });
  res.end();
}

/**
 * The API's 200: `application/json` with no charset, no trailing newline; sent through the
 * server's reply flush. `keptBytes`: `json` holds raw bytes that were not UTF-8, written back.
 */
export function sendJson(replies: ReplyFlush, res: ApiResponse, json: string, keptBytes = false): void {
  // The body goes out as bytes: a string body is joined to the header text and encoded on
  // every write, which costs more than making the bytes (and the server keeps its last short reply's).
  replies.queue(res, keptBytes ? jsonBytesReply(encodeKeptBytes(json)) : replies.jsonReply(json));
}

/**
 * The mock's answer when a body does not fit in the server's body budget (Go has no such limit):
 * 503, in `http.Error`'s form, with `Retry-After`, since the budget frees as other requests end.
 */
export function sendOverBudget(res: ApiResponse): void {
  res.setHeader('Retry-After', '1');
  sendError(res, 503);
}

/** What Go's wrapShutdown answers once shutdown has begun. */
export function sendShuttingDown(res: ApiResponse): void {
  res.writeHead(503, { 'Content-Length': 0 });
  res.end();
}
