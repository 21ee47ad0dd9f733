/**
 * Reads a request body into memory, bounded twice: by `limit` for this request and by the
 * server's shared `BodyBudget` for all of them. A declared length over either is refused before
 * a byte is read; a chunked body is counted as it comes. The bytes are released from the budget
 * once `done` returns (the body is then decoded into its own strings) or the request is aborted.
 */
import type { IncomingMessage } from 'node:http';
import type { BodyBudget } from './body-budget.js';
import type { ApiRequest } from './exchange.js';
import { firstHeader } from './raw-header.js';

export type BodyResult =
  | { readonly kind: 'ok'; readonly body: Buffer }
  /** Over `limit`: not read when declared, else reading stopped (the rest is left unread). */
  | { readonly kind: 'too-large'; readonly received: number }
  /** Does not fit in the budget now: not read when declared, else reading stopped. */
  | { readonly kind: 'over-budget'; readonly needed: number };

const EMPTY = Buffer.alloc(0);

/**
 * The body length a request declares, or undefined when it is chunked; read from the raw
 * headers (`req.headers` would be built for this alone). Node's parser has already refused a
 * request with both headers, a malformed length or differing repeats.
 */
export function declaredLength(req: { readonly rawHeaders: readonly string[] }): number | undefined {
  const raw = req.rawHeaders;
  if (firstHeader(raw, 'transfer-encoding') !== undefined) return undefined;
  const length = firstHeader(raw, 'content-length');
  return length === undefined ? 0 : Number(length);
}

/**
 * Calls `done` once: synchronously when nothing needs reading, else from the request's `end`
 * (the API hot path goes on in that event, without a promise). A request aborted before its end
 * never calls `done`: no one is left to answer.
 */
export function readBodyThen(
  req: ApiRequest,
  limit: number,
  budget: BodyBudget,
  done: (result: BodyResult) => void,
): void {
  const declared = declaredLength(req);
  if (declared === 0) return done({ kind: 'ok', body: EMPTY });
  if (declared !== undefined) {
    if (declared > limit) return done({ kind: 'too-large', received: 0 });
    if (!budget.tryReserve(declared)) return done({ kind: 'over-budget', needed: declared });
    return readDeclared(req, declared, budget, done);
  }
  readChunked(req, limit, budget, done);
}

/** A declared length: most bodies come in one chunk, kept as is; more are copied into one buffer. */
function readDeclared(req: ApiRequest, length: number, budget: BodyBudget, done: (result: BodyResult) => void): void {
  let first: Buffer | undefined;
  let whole: Buffer | undefined;
  let size = 0;
  let released = false;
  const release = () => {
    if (!released) budget.release(length);
    released = true;
  };
  req.on('data', (chunk: Buffer) => {
    if (first === undefined && whole === undefined) {
      if (chunk.length === length) {
        first = chunk;
        size = length;
        return;
      }
      whole = Buffer.allocUnsafeSlow(length);
    }
    if (whole === undefined) return;
    size += chunk.copy(whole, size);
  });
  req.on('end', () => {
    try {
      done({ kind: 'ok', body: first ?? (whole as Buffer).subarray(0, size) });
    } finally {
      release();
    }
  });
  req.on('close', release);
}

/**
 * A chunked body, copied into a buffer that doubles as needed (the budget holds its capacity):
 * the chunks Node reads into die young, where a list of them kept to the end would spread over
 * the allocator's heap and keep it from shrinking afterwards.
 */
function readChunked(req: ApiRequest, limit: number, budget: BodyBudget, done: (result: BodyResult) => void): void {
  let buffer: Buffer | undefined;
  let size = 0;
  let finished = false;
  const finish = () => {
    finished = true;
    if (buffer !== undefined) budget.release(buffer.length);
    buffer = undefined;
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    const need = size + chunk.length;
    if (need > limit) {
      finish();
      return done({ kind: 'too-large', received: need });
    }
    if (buffer === undefined || need > buffer.length) {
      const capacity = Math.min(limit, Math.max(need, 2 * (buffer?.length ?? FIRST_CAPACITY / 2)));
      if (!budget.tryReserve(capacity)) {
        finish();
        return done({ kind: 'over-budget', needed: need });
      }
      const next = Buffer.allocUnsafeSlow(capacity);
      if (buffer !== undefined) {
        buffer.copy(next, 0, 0, size);
        budget.release(buffer.length);
      }
      buffer = next;
    }
    size += chunk.copy(buffer, size);
  });
  req.on('end', () => {
    if (finished) return;
    const body = buffer === undefined ? EMPTY : buffer.subarray(0, size);
    try {
      done({ kind: 'ok', body });
    } finally {
      finish();
    }
  });
  req.on('close', () => {
    if (!finished) finish();
  });
}

const FIRST_CAPACITY = 64 << 10;

/** `readBodyThen` as a promise (the control API). */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<BodyResult> {
  return new Promise((resolve) => readBodyThen(req, limit, budget, resolve));
}
