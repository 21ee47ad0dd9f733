/** The few fixed answers Go's net/http gives, plus the JSON reply. */
import { STATUS_CODES, type ServerResponse } from 'node:http';

const PLAIN = 'text/plain; charset=utf-8';

/** Go's `http.Error`: status text plus newline, text/plain, nosniff. */
export function sendError(res: ServerResponse, status: number, body = `${STATUS_CODES[status] ?? 'Error'}\n`): void {
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

/** Go ServeMux's redirect; GET and HEAD also get a tiny HTML body, like `http.Redirect`. */
export function sendRedirect(res: ServerResponse, method: string, location: string): void {
  if (method === 'GET' || method === 'HEAD') {
    const body = `<a href="${htmlEscape(location)}">Moved Permanently</a>.\n\n`;
    res.writeHead(301, { Location: location, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(301, { Location: location, 'Content-Length': 0 });
  res.end();
}

/** The API's 200: `application/json` with no charset, no trailing newline. */
export function sendJson(res: ServerResponse, json: string): void {
  res.writeHead(200, jsonHeaders(json));
  res.end(json);
}

/** Short replies (a plain publish reply, say) come again and again: their header list is kept. */
const KEEP_MAX = 256;
let lastJson: string | undefined;
let lastHeaders: string[] = [];

function jsonHeaders(json: string): string[] {
  if (json === lastJson) return lastHeaders;
  // A flat header list skips Node's per-call header object handling; Node only reads it.
  const headers = ['Content-Type', 'application/json', 'Content-Length', String(Buffer.byteLength(json))];
  if (json.length <= KEEP_MAX) {
    lastJson = json;
    lastHeaders = headers;
  }
  return headers;
}

/** What Go's wrapShutdown answers once shutdown has begun. */
export function sendShuttingDown(res: ServerResponse): void {
  res.writeHead(503, { 'Content-Length': 0 });
  res.end();
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
