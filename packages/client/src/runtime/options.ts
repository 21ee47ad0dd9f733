import type { Agent as HttpAgent } from 'node:http';
import type { ParamsValidator, ReplyValidator } from './reply-validator.js';
import type { RetryOptions } from './types.js';
import { CentUsageError } from './errors.js';

/** Options every HTTP client of this runtime takes, whatever its protocol. */
export interface HttpClientOptions {
  /**
   * Milliseconds one call may take in total, default 2000: every attempt, every retry delay and,
   * for a batch split in chunks, every chunk. `Infinity` disables it.
   */
  timeout?: number;
  /** Opt-in retries (off by default); `true` means the defaults. */
  retry?: RetryOptions | boolean;
  /** Opt-in: check each successful reply body against the method's result schema (`@centkit/validators`), or with your own validator. */
  validateReplies?: boolean | ReplyValidator;
  /** Opt-in: check params against the method's params schema (typed view) before anything is sent, or with your own validator. */
  validateParams?: boolean | ParamsValidator;
  /** Extra request headers. The client's own (`Content-Type`, `Content-Length`, auth) always win. */
  headers?: Record<string, string>;
  /** Your own `http.Agent`/`https.Agent` (the client then never destroys it). Default: a keep-alive agent owned by the client. */
  agent?: HttpAgent;
  /**
   * Largest reply body accepted, in bytes (default 64 MiB). A bigger reply, by its
   * `Content-Length` or by counting, rejects with `CentReplyTooLargeError`. `Infinity` disables it.
   */
  maxReplyBytes?: number;
  /**
   * Milliseconds an idle keep-alive connection of the client's own agent is kept (default 4000);
   * a server's `Keep-Alive: timeout=N` shortens it to N-1 s. Not used with your own `agent`.
   */
  idleTimeout?: number;
}

/** Options of the 1.x client (`commands` codec). */
export interface ClientOptions extends HttpClientOptions {
  /** Server address, e.g. `http://localhost:8000` (see `buildApiUrl` for the `/api/` rule). */
  address: string;
  /** The server's `secret`. Kept in a closure: never in errors, logs or `inspect` output. */
  secret: string;
  /** `form` (default, like cent 1.x): `sign=<hex>&data=<urlencoded JSON>`; `json`: the body is the data, sign in `X-API-Sign`. */
  encoding?: 'form' | 'json';
  /** Send no sign (for a server with `insecure_api: true`). */
  insecure?: boolean;
  /** Commands per HTTP request; longer batches are sent as several requests, in order (default 100). */
  maxBatchSize?: number;
}

export const DEFAULT_TIMEOUT = 2000;
export const DEFAULT_MAX_BATCH_SIZE = 100;
/**
 * 64 MiB: far above any reply the servers send in practice (presence of 100k connections or
 * `channels` listing a million channels are a few tens of MiB), an eighth of V8's longest string so
 * a reply at the cap can always be decoded, and a bound on what one call can make the process hold.
 */
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;
/**
 * 4 s, as undici (Node's `fetch`): below the 5 s idle timeout of Node's and Apache's servers, the
 * shortest in common use (Go servers, Centrifugo v6 included, close after their ReadTimeout, 30 s;
 * nginx 75 s; cloud load balancers 60 s or more). A connection is not reused when the server may
 * be closing it at that very moment, the one race in which a request is lost on the way.
 */
export const DEFAULT_IDLE_TIMEOUT = 4000;
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
    throw new CentUsageError(
      `${name} must be a positive number${allowInfinity ? ' or Infinity' : ''}, got ${String(value)}`,
    );
  }
  return value;
}

export function resolveTimeout(value: number | undefined): number {
  return value === undefined ? DEFAULT_TIMEOUT : positive('timeout', value, true);
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value !== Infinity && !(Number.isInteger(value) && value > 0)) {
    throw new CentUsageError(`${name} must be a positive integer or Infinity, got ${String(value)}`);
  }
  return value;
}

export function resolveMaxBatchSize(value: number | undefined): number {
  return positiveInteger('maxBatchSize', value, DEFAULT_MAX_BATCH_SIZE);
}

export function resolveMaxReplyBytes(value: number | undefined): number {
  return positiveInteger('maxReplyBytes', value, DEFAULT_MAX_REPLY_BYTES);
}

export function resolveIdleTimeout(value: number | undefined): number {
  return value === undefined ? DEFAULT_IDLE_TIMEOUT : positive('idleTimeout', value, false);
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
    throw new CentUsageError(
      `retry delays must satisfy 0 <= minDelay <= maxDelay < Infinity, got ${String(minDelay)} and ${String(maxDelay)}`,
    );
  }
  const attemptTimeout =
    given.attemptTimeout === undefined ? undefined : positive('retry.attemptTimeout', given.attemptTimeout, false);
  return { attempts, minDelay, maxDelay, attemptTimeout };
}
