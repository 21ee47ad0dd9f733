/**
 * Reads a request body into memory up to `limit` bytes. Past the limit it stops keeping data
 * and answers at once with `overflow` (the rest is discarded as it arrives), so memory stays
 * bounded whatever the client sends.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { readonly kind: 'ok'; readonly body: Buffer } | { readonly kind: 'overflow'; readonly received: number };

const EMPTY = Buffer.alloc(0);

/**
 * Calls `done` once with the body (undefined past `limit`) and the bytes received, from the
 * request's own events: the API hot path continues synchronously in
 * the `end` event instead of going through a promise and the microtask queue. A request that
 * is aborted before its end (client gone, timeout) never calls `done`: there is no one left to
 * answer, and Node emits a request `error` only to listeners, so none is attached.
 */
export function readBodyThen(req: IncomingMessage, limit: number, done: (body: Buffer | undefined, received: number) => void): void {
  // Most bodies arrive in one chunk: keep it alone, make a list only for a second one.
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  // Listeners stay attached once finished (cheaper than removing them): they only check
  // `finished`, and past an overflow the data keeps flowing into nothing.
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      finished = true;
      done(undefined, size);
    } else if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  req.on('end', () => {
    if (finished) return;
    finished = true;
    done(more !== undefined ? Buffer.concat(more, size) : (first ?? EMPTY), size);
  });
}

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => readBodyThen(req, limit, (body, received) => resolve(body === undefined ? { kind: 'overflow', received } : { kind: 'ok', body })));
}
