/** The few fixed answers Go's net/http gives, plus the JSON reply. */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { queueReply, type Reply } from './reply-flush.js';

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

/** The API's 200: `application/json` with no charset, no trailing newline; sent at the end of this event-loop turn. */
export function sendJson(res: ServerResponse, json: string): void {
  // The body goes out as bytes: a string body is joined to the header text and encoded on
  // every write, which costs more than making the bytes (and a kept reply is made once).
  let reply = lastReply;
  if (json !== lastJson) {
    reply = jsonReply(json);
    if (json.length <= KEEP_MAX) {
      lastJson = json;
      lastReply = reply;
    }
  }
  queueReply(res, reply);
}

function jsonReply(json: string): Reply {
  const body = Buffer.from(json, 'utf8');
  return { body, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } };
}

/** Short replies (a plain publish reply, say) come again and again: their bytes and headers are kept. */
const KEEP_MAX = 256;
let lastJson: string | undefined;
let lastReply: Reply = jsonReply('');

/** What Go's wrapShutdown answers once shutdown has begun. */
export function sendShuttingDown(res: ServerResponse): void {
  res.writeHead(503, { 'Content-Length': 0 });
  res.end();
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
