/**
 * One request (a chunk of commands) with its retries: sign, post, classify failures into typed
 * errors, retry where `retry.ts` allows, parse the reply.
 */
import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { CallScope } from './call-scope.js';
import type { ResolvedRetry } from './options.js';
import type { BatchEntry, CallOptions, Command } from './types.js';
import type { CentError, RequestContext } from './errors.js';
import type { AttemptResult, Target } from './http-attempt.js';
import type { Retryability } from './retry.js';
import { CentAbortError, CentHttpError, CentTimeoutError, CentTransportError } from './errors.js';
import { buildPayload, encodeCommands } from './encode.js';
import { postOnce } from './http-attempt.js';
import { parseReply } from './reply.js';
import { backoffDelay, isResetCode, mayRetry } from './retry.js';

export interface HttpTransportConfig {
  url: URL;
  /** The URL as errors show it. */
  displayUrl: string;
  encoding: 'form' | 'json';
  /** Signs `data`; `undefined` in insecure mode. Holds the secret in its closure. */
  sign: ((data: string) => string) | undefined;
  headers: Record<string, string>;
  agent: http.Agent;
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

function stopFailure(ctx: RequestContext, scope: CallScope, reason: string, timeout: number, reached: boolean): Failure {
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
    const failure = stopFailure(ctx, scope, reason, timeout, result.connected || reachedBefore);
    // An attempt that timed out before its connection opened sent nothing, whatever came before.
    if (reason === 'attempt-timeout' && !result.connected) failure.retryability = 'not-sent';
    return failure;
  }
  const code = causeCode(result.error);
  const stale = result.reusedSocket && !result.replyStarted && isResetCode(code);
  const notSent = !result.connected || stale;
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

export class HttpTransport {
  readonly #config: HttpTransportConfig;
  /** From the URL once (`http.request(url)` would parse it for every request). */
  readonly #target: Target;

  constructor(config: HttpTransportConfig) {
    this.#config = config;
    const url = urlToHttpOptions(config.url);
    this.#target = {
      send: config.url.protocol === 'https:' ? https.request : http.request,
      agent: config.agent,
      protocol: config.url.protocol,
      hostname: url.hostname ?? '',
      port: url.port === undefined || url.port === null ? undefined : Number(url.port),
      path: url.path ?? '/',
      auth: url.auth ?? undefined,
    };
  }

  get displayUrl(): string {
    return this.#config.displayUrl;
  }

  /**
   * Sends `commands` as one request; retries (when `retry` is set) as the rules allow.
   * `readOnly()` tells whether every command is a read (asked only when a retry is considered).
   * `onReply` sees each reply's bytes and status before they are read (`CallOptions.onReply`).
   */
  async request(
    commands: readonly Command[],
    scope: CallScope,
    retry: ResolvedRetry | undefined,
    readOnly: () => boolean,
    onReply: CallOptions['onReply'],
  ): Promise<BatchEntry<unknown>[]> {
    const config = this.#config;
    const ctx: RequestContext = { url: config.displayUrl, methods: commands.map((c) => c.method) };
    const data = encodeCommands(commands);
    const payload = buildPayload(config.encoding, data, config.sign?.(data));
    const headers = { ...config.headers, ...payload.headers };
    let reachedBefore = false;

    for (let attempt = 1; ; attempt++) {
      const early = scope.stopReason();
      if (early !== undefined) {
        throw Object.assign(stopFailure(ctx, scope, early, scope.timeout, reachedBefore).error, { attempts: attempt - 1 });
      }
      const attemptScope = scope.attempt(retry?.attemptTimeout);
      let result: AttemptResult;
      try {
        result = await postOnce({ target: this.#target, body: payload.body, headers, stop: attemptScope });
      } finally {
        attemptScope.dispose();
      }

      let failure: Failure;
      if (result.kind === 'reply') {
        // Decoded before the hook runs, so nothing the hook does to its buffer changes what is read.
        const text = result.body.toString('utf8');
        if (onReply !== undefined) onReply(result.body, result.status);
        if (result.status >= 200 && result.status < 300) {
          try {
            return parseReply(ctx, text, commands);
          } catch (error) {
            throw Object.assign(error as CentError, { attempts: attempt });
          }
        }
        failure = {
          error: new CentHttpError(ctx, { status: result.status, body: text }),
          retryability: result.status >= 500 ? 'maybe-sent' : 'never',
          mayHaveReachedServer: true,
        };
      } else {
        const reason = result.stopped ? attemptScope.stopReason() : undefined;
        failure = classify(ctx, result, scope, reason, retry?.attemptTimeout, reachedBefore);
      }
      reachedBefore ||= failure.mayHaveReachedServer;
      failure.error.attempts = attempt;

      if (retry === undefined || attempt >= retry.attempts || !mayRetry(failure.retryability, readOnly())) {
        throw failure.error;
      }
      const delay = backoffDelay(attempt, retry);
      // Do not sleep into the call's deadline: the last real error says more than a timeout.
      if (delay >= scope.remaining()) throw failure.error;
      await scope.sleep(delay);
    }
  }
}
