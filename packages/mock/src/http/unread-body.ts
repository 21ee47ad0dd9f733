/**
 * What Go's server does with a request body its handler left unread, before writing the answer
 * (net/http `chunkWriter.writeHeader`, `maxPostHandlerReadBytes`): with a declared length, the
 * connection is closed after the answer once 256 KiB or more are left (`Connection: close`);
 * otherwise up to 256 KiB + 1 bytes are read and thrown away, and the connection is kept only if
 * the body ended within them. Node would read and discard any amount, for as long as the client
 * sends it (the request timeout is the only limit), so this is decided here.
 */
import type { Socket } from 'node:net';
import type { ApiRequest, ApiResponse } from './exchange.js';
import { declaredLength } from './read-body.js';

export const MAX_POST_HANDLER_READ = 256 << 10;

/**
 * Settles a body that was not read (`read: 'none'`) or not read to its end (`'partial'`), then
 * calls `then` (synchronously unless a chunked body has to be drained first). Without a
 * response yet, `res` gets `Connection: close` when Go would close.
 */
export function settleUnreadBody(req: ApiRequest, res: ApiResponse, read: 'none' | 'partial', then: () => void): void {
  if (req.complete) return then();
  const declared = read === 'none' ? declaredLength(req) : undefined;
  if (read === 'partial' || (declared !== undefined && declared >= MAX_POST_HANDLER_READ)) {
    closeAfterAnswer(res);
    return then();
  }
  if (declared !== undefined) return then(); // Node discards a short remainder and keeps the connection, as Go does.
  let seen = 0;
  let settled = false;
  const settle = (ended: boolean) => {
    if (settled) return;
    settled = true;
    if (!ended) closeAfterAnswer(res);
    then();
  };
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_POST_HANDLER_READ) settle(false);
  });
  req.on('end', () => settle(true));
}

/** Go waits this long after its FIN before closing, so the client reads the answer before a reset (`rstAvoidanceDelay`). */
const RST_AVOIDANCE_MS = 500;

/**
 * `Connection: close` on the answer; the connection is then half-closed and closed fully 500 ms
 * later, as Go's `closeWriteAndWait` does. Node would close it as soon as the answer is flushed:
 * a client still sending its body then gets a reset, often before it has read the answer.
 */
export function closeAfterAnswer(res: ApiResponse): void {
  if (res.headersSent) return;
  res.setHeader('Connection', 'close');
  const socket = res.socket;
  if (socket === null) return;
  // Node ends a `Connection: close` response with socket.destroySoon(): linger instead.
  socket.destroySoon = () => lingerClose(socket);
}

/** Go's closeWriteAndWait: FIN now, reading nothing more (Node would drain into garbage), then the full close. */
export function lingerClose(socket: Socket): void {
  socket.pause();
  if (socket.writable) socket.end();
  setTimeout(() => socket.destroy(), RST_AVOIDANCE_MS).unref();
}
