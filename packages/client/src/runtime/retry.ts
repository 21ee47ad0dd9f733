/**
 * When a failed attempt may be repeated, and how long to wait before it. The rule is Go's
 * net/http one: a request may be sent again if no byte of it went out; otherwise only if running
 * it twice is harmless.
 *
 * - `not-sent`: no byte of the request was handed to the network (DNS failure, connection refused,
 *   a pooled connection already closed at our end, an attempt timeout before the connection
 *   opened). The server cannot have run it: any request may be retried.
 * - `maybe-sent`: the server may have run it (5xx, a connection that closed after the request went
 *   out, fresh or reused, one attempt's `attemptTimeout`). Retried only when the request is
 *   replay-safe: all reads, or writes the server de-duplicates by an idempotency key.
 * - `never`: 4xx, a reply too large, malformed replies, the server's own errors, the caller's
 *   abort, the whole call's timeout.
 */
import type { ResolvedRetry } from './options.js';

export type Retryability = 'not-sent' | 'maybe-sent' | 'never';

export function mayRetry(retryability: Retryability, replaySafe: () => boolean): boolean {
  return retryability === 'not-sent' || (retryability === 'maybe-sent' && replaySafe());
}

/**
 * Delay before attempt `attempt + 1`: exponential from `minDelay`, capped at `maxDelay`, with
 * "equal jitter" (uniform in [d/2, d]) so that many clients do not retry in step.
 */
export function backoffDelay(attempt: number, retry: ResolvedRetry, random: () => number = Math.random): number {
  const capped = Math.min(retry.maxDelay, retry.minDelay * 2 ** (attempt - 1));
  return capped / 2 + (random() * capped) / 2;
}

/** Codes of a connection that closed under a request. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function isResetCode(code: string): boolean {
  return RESET_CODES.has(code);
}
