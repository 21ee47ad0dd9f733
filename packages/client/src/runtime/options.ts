import type { Agent as HttpAgent } from 'node:http';
import type { ReplyValidator } from './reply-validator.js';
import type { RetryOptions } from './types.js';
import { CentUsageError } from './errors.js';

export interface ClientOptions {
  /** Server address, e.g. `http://localhost:8000` (see `buildApiUrl` for the `/api/` rule). */
  address: string;
  /** The server's `secret`. Kept in a closure: never in errors, logs or `inspect` output. */
  secret: string;
  /**
   * Milliseconds one call may take in total, default 2000: every attempt, every retry delay and,
   * for a batch split in chunks, every chunk. `Infinity` disables it.
   */
  timeout?: number;
  /** `form` (default, like cent 1.x): `sign=<hex>&data=<urlencoded JSON>`; `json`: the body is the data, sign in `X-API-Sign`. */
  encoding?: 'form' | 'json';
  /** Send no sign (for a server with `insecure_api: true`). */
  insecure?: boolean;
  /** Commands per HTTP request; longer batches are sent as several requests, in order (default 100). */
  maxBatchSize?: number;
  /** Opt-in retries (off by default); `true` means the defaults. */
  retry?: RetryOptions | boolean;
  /** Opt-in: check each successful reply body against the method's result schema (`@centkit/validators`), or with your own validator. */
  validateReplies?: boolean | ReplyValidator;
  /** Extra request headers. `Content-Type`, `Content-Length` and `X-API-Sign` are always the client's own. */
  headers?: Record<string, string>;
  /** Your own `http.Agent`/`https.Agent` (the client then never destroys it). Default: a keep-alive agent owned by the client. */
  agent?: HttpAgent;
}

export const DEFAULT_TIMEOUT = 2000;
export const DEFAULT_MAX_BATCH_SIZE = 100;
export const DEFAULT_RETRY: Required<Omit<RetryOptions, 'attemptTimeout'>> = {
  attempts: 3,
  minDelay: 50,
  maxDelay: 1000,
};

/** Retry settings after defaults, or `undefined` when retries are off. */
export interface ResolvedRetry {
  attempts: number;
  minDelay: number;
  maxDelay: number;
  attemptTimeout: number | undefined;
}

function positive(name: string, value: number, allowInfinity: boolean): number {
  const ok = allowInfinity ? value > 0 : value > 0 && Number.isFinite(value);
  if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
    throw new CentUsageError(`${name} must be a positive number${allowInfinity ? ' or Infinity' : ''}, got ${String(value)}`);
  }
  return value;
}

export function resolveTimeout(value: number | undefined): number {
  return value === undefined ? DEFAULT_TIMEOUT : positive('timeout', value, true);
}

export function resolveMaxBatchSize(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BATCH_SIZE;
  if (value !== Infinity && !Number.isInteger(value)) {
    throw new CentUsageError(`maxBatchSize must be a positive integer or Infinity, got ${String(value)}`);
  }
  return positive('maxBatchSize', value, true);
}

export function resolveRetry(value: RetryOptions | boolean | undefined): ResolvedRetry | undefined {
  if (value === undefined || value === false) return undefined;
  const given = value === true ? {} : value;
  const attempts = given.attempts ?? DEFAULT_RETRY.attempts;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new CentUsageError(`retry.attempts must be an integer >= 1, got ${String(attempts)}`);
  }
  const minDelay = given.minDelay ?? DEFAULT_RETRY.minDelay;
  const maxDelay = given.maxDelay ?? Math.max(DEFAULT_RETRY.maxDelay, minDelay);
  if (!(minDelay >= 0) || !(maxDelay >= minDelay) || !Number.isFinite(maxDelay)) {
    throw new CentUsageError(`retry delays must satisfy 0 <= minDelay <= maxDelay < Infinity, got ${String(minDelay)} and ${String(maxDelay)}`);
  }
  const attemptTimeout =
    given.attemptTimeout === undefined ? undefined : positive('retry.attemptTimeout', given.attemptTimeout, false);
  return { attempts, minDelay, maxDelay, attemptTimeout };
}
