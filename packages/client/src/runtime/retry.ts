/**
 * When a failed attempt may be repeated, and how long to wait before it.
 *
 * - `not-sent`: the request certainly did not reach the server (DNS failure, connection refused,
 *   no connection at all), or a reused keep-alive connection was closed before any byte of the
 *   reply (the server closed it while idle: the HTTP convention treats the request as unsent).
 *   Any command may be retried.
 * - `maybe-sent`: the server may have run the commands (5xx, reset after sending, one attempt's
 *   `attemptTimeout` passed). Only a request made of `read` commands is retried.
 * - `never`: 4xx, malformed reply, the caller's abort, the whole call's timeout.
 */
import type { ResolvedRetry } from './options.js';

export type Retryability = 'not-sent' | 'maybe-sent' | 'never';

export function mayRetry(retryability: Retryability, readOnly: boolean): boolean {
  return retryability === 'not-sent' || (retryability === 'maybe-sent' && readOnly);
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
