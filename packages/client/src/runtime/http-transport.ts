/**
 * One request with its retries, whatever the codec: post, classify failures into typed errors,
 * retry where `retry.ts` allows, hand the reply to the codec's reader.
 */
import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { CallScope } from './call-scope.js';
import type { ResolvedRetry } from './options.js';
import type { CallOptions } from './types.js';
import type { RequestContext } from './errors.js';
import type { AttemptResult, Target } from './http-attempt.js';
import type { Retryability } from './retry.js';
import {
  CentAbortError,
  CentError,
  CentHttpError,
  CentReplyTooLargeError,
  CentTimeoutError,
  CentTransportError,
} from './errors.js';
import { sendOnce } from './http-attempt.js';
import { backoffDelay, isResetCode, mayRetry } from './retry.js';

export interface HttpTransportConfig {
  /** The server's URL: protocol, host, port and credentials are used; each request gives its path. */
  url: URL;
  /** The HTTP method of every request. */
  method: string;
  agent: http.Agent;
  maxReplyBytes: number;
}

/** One request as a codec prepared it. */
export interface PreparedRequest<T> {
  /** Path and query. */
  path: string;
  body: string;
  /** Every header, the caller's and the codec's. */
  headers: Record<string, string>;
  ctx: RequestContext;
  /**
   * Running the request twice is harmless: every operation in it is a read, or a write the server
   * de-duplicates (an idempotency key). Asked only when a retry after a maybe-sent failure is weighed.
   */
  replaySafe: () => boolean;
  /**
   * Reads a reply (any status): the value, or throws a `CentError`. A `CentHttpError` of status
   * 5xx counts as "may have run" (retried when `replaySafe`); any other error is final.
   */
  read: (status: number, text: string) => T;
}

interface Failure {
  error: CentError;
  retryability: Retryability;
  /** This attempt may have reached the server. */
  mayHaveReachedServer: boolean;
}

function causeCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

function stopFailure(
  ctx: RequestContext,
  scope: CallScope,
  reason: string,
  timeout: number,
  reached: boolean,
): Failure {
  if (reason === 'abort') {
    return {
      error: new CentAbortError(ctx, { reason: scope.userReason, mayHaveReachedServer: reached }),
      retryability: 'never',
      mayHaveReachedServer: reached,
    };
  }
  const attempt = reason === 'attempt-timeout';
  return {
    error: new CentTimeoutError(ctx, { timeout, scope: attempt ? 'attempt' : 'call', mayHaveReachedServer: reached }),
    retryability: attempt ? 'maybe-sent' : 'never',
    mayHaveReachedServer: reached,
  };
}

function classify(
  ctx: RequestContext,
  result: Extract<AttemptResult, { kind: 'failure' }>,
  scope: CallScope,
  reason: string | undefined,
  attemptTimeout: number | undefined,
  reachedBefore: boolean,
): Failure {
  if (reason !== undefined) {
    const timeout = reason === 'attempt-timeout' ? (attemptTimeout ?? scope.timeout) : scope.timeout;
    const failure = stopFailure(ctx, scope, reason, timeout, result.written || reachedBefore);
    // An attempt that timed out before any byte of it went out sent nothing, whatever came before.
    if (reason === 'attempt-timeout' && !result.written) failure.retryability = 'not-sent';
    return failure;
  }
  const code = causeCode(result.error);
  // As Go's net/http: a request is unsent only if no byte of it was written. A reused connection
  // that dies before the reply may have been closed by the server while idle, or after it ran
  // the request: nobody can tell, so such a request may have run.
  const notSent = !result.written;
  const stale = result.reusedSocket && !result.replyStarted && (notSent || isResetCode(code));
  return {
    error: new CentTransportError(ctx, {
      causeCode: code,
      mayHaveReachedServer: !notSent || reachedBefore,
      staleConnection: stale,
      cause: result.error,
    }),
    retryability: notSent ? 'not-sent' : 'maybe-sent',
    mayHaveReachedServer: !notSent,
  };
}

/** What a thrown reader error means for retries. */
function readFailure(error: unknown): Failure {
  if (!(error instanceof CentError)) throw error;
  const serverFailed = error instanceof CentHttpError && error.status >= 500;
  return { error, retryability: serverFailed ? 'maybe-sent' : 'never', mayHaveReachedServer: true };
}

export class HttpTransport {
  readonly #maxReplyBytes: number;
  /** From the URL once (`http.request(url)` would parse it for every request). */
  readonly #target: Target;

  constructor(config: HttpTransportConfig) {
    this.#maxReplyBytes = config.maxReplyBytes;
    const url = urlToHttpOptions(config.url);
    this.#target = {
      send: config.url.protocol === 'https:' ? https.request : http.request,
      agent: config.agent,
      protocol: config.url.protocol,
      hostname: url.hostname ?? '',
      port: url.port === undefined || url.port === null ? undefined : Number(url.port),
      auth: url.auth ?? undefined,
      method: config.method,
    };
  }

  /**
   * Sends `request`; retries (when `retry` is set) as the rules allow. `onReply` sees each
   * reply's bytes and status before they are read (`CallOptions.onReply`).
   */
  async send<T>(
    request: PreparedRequest<T>,
    scope: CallScope,
    retry: ResolvedRetry | undefined,
    onReply: CallOptions['onReply'],
  ): Promise<T> {
    const ctx = request.ctx;
    let reachedBefore = false;

    for (let attempt = 1; ; attempt++) {
      const early = scope.stopReason();
      if (early !== undefined) {
        throw Object.assign(stopFailure(ctx, scope, early, scope.timeout, reachedBefore).error, {
          attempts: attempt - 1,
        });
      }
      const attemptScope = scope.attempt(retry?.attemptTimeout);
      let result: AttemptResult;
      try {
        result = await sendOnce({
          target: this.#target,
          path: request.path,
          body: request.body,
          headers: request.headers,
          stop: attemptScope,
          maxReplyBytes: this.#maxReplyBytes,
        });
      } finally {
        attemptScope.dispose();
      }

      let failure: Failure;
      if (result.kind === 'reply') {
        // Decoded before the hook runs, so nothing the hook does to its buffer changes what is read.
        const text = result.body.toString('utf8');
        if (onReply !== undefined) onReply(result.body, result.status);
        try {
          return request.read(result.status, text);
        } catch (error) {
          failure = readFailure(error);
        }
      } else if (result.kind === 'too-large') {
        const { status, declared, received } = result;
        failure = {
          error: new CentReplyTooLargeError(ctx, { limit: this.#maxReplyBytes, declared, received, status }),
          retryability: 'never',
          mayHaveReachedServer: true,
        };
      } else {
        const reason = result.stopped ? attemptScope.stopReason() : undefined;
        failure = classify(ctx, result, scope, reason, retry?.attemptTimeout, reachedBefore);
      }
      reachedBefore ||= failure.mayHaveReachedServer;
      failure.error.attempts = attempt;

      if (retry === undefined || attempt >= retry.attempts || !mayRetry(failure.retryability, request.replaySafe)) {
        throw failure.error;
      }
      const delay = backoffDelay(attempt, retry);
      // Do not sleep into the call's deadline: the last real error says more than a timeout.
      if (delay >= scope.remaining()) throw failure.error;
      await scope.sleep(delay);
    }
  }
}
