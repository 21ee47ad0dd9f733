/**
 * Writes a v6 answer as Go's net/http writes a handler's: `Content-Length` when the body fits in
 * the 2048 bytes Go buffers before it starts chunking, else `Transfer-Encoding: chunked` (the
 * `info` reply is that long); a 200 JSON reply through the server's reply flush (reply-flush.ts).
 */
import type { ApiResponse } from '../../http/exchange.js';
import { sendJson } from '../../http/responses.js';
import type { ResponseV6 } from '../api/exchange.js';
import type { ReplyFlush } from '../../http/reply-flush.js';

/** net/http's bufferBeforeChunkingSize. */
const CHUNKING_AFTER = 2048;

export function writeResponse(replies: ReplyFlush, res: ApiResponse, r: ResponseV6): void {
  if (res.writableEnded || res.destroyed) return;
  const body = r.body;
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (
    r.status === 200 &&
    typeof body === 'string' &&
    length <= CHUNKING_AFTER &&
    r.headers['Content-Type'] === 'application/json' &&
    Object.keys(r.headers).length === 1
  ) {
    return sendJson(replies, res, body);
  }
  const headers: Record<string, string | number> = { ...r.headers };
  if (length <= CHUNKING_AFTER) headers['Content-Length'] = length;
  res.writeHead(r.status, headers);
  res.end(body);
}
