/**
 * Reads a request body into memory up to `limit` bytes. Past the limit it stops keeping data
 * and resolves at once with `overflow` (the rest is discarded as it arrives), so memory stays
 * bounded whatever the client sends.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly kind: 'ok'; readonly body: Buffer }
  | { readonly kind: 'overflow'; readonly received: number }
  | { readonly kind: 'error' };

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // Listeners stay attached once done (cheaper than removing them): they only check `done`,
    // and past an overflow the data keeps flowing into nothing.
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) finish({ kind: 'overflow', received: size });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    const onError = () => finish({ kind: 'error' });
    const onClose = () => {
      if (!req.complete) finish({ kind: 'error' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
