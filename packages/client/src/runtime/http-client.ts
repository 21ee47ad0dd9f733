/**
 * What every HTTP client of this runtime shares, whatever its codec: the agent it owns or was
 * given, timeouts, retries, the reply-size cap, opt-in schema checks, and the start of each call.
 */
import type http from 'node:http';
import type { HttpClientOptions, ResolvedRetry } from './options.js';
import type { ValidatorSource } from './reply-validator.js';
import type { CallOptions } from './types.js';
import { createAgent } from './agent.js';
import { CallScope } from './call-scope.js';
import { Checks } from './checks.js';
import { CentUsageError } from './errors.js';
import { HttpTransport } from './http-transport.js';
import { resolveIdleTimeout, resolveMaxReplyBytes, resolveRetry, resolveTimeout } from './options.js';

/** One call's frame: its deadline and abort (`scope`, dispose it at the end), retries, reply hook. */
export interface CallFrame {
  scope: CallScope;
  retry: ResolvedRetry | undefined;
  onReply: CallOptions['onReply'];
}

export class HttpClientRuntime {
  readonly transport: HttpTransport;
  readonly checks: Checks;
  readonly timeout: number;
  readonly #retry: ResolvedRetry | undefined;
  readonly #agent: http.Agent;
  readonly #ownsAgent: boolean;
  #closed = false;

  /** `url`: the server (protocol, host, port, credentials); `method`: the HTTP method of every request. */
  constructor(options: HttpClientOptions, url: URL, method: string, validators: ValidatorSource) {
    this.timeout = resolveTimeout(options.timeout);
    this.#retry = resolveRetry(options.retry);
    const maxReplyBytes = resolveMaxReplyBytes(options.maxReplyBytes);
    const idleTimeout = resolveIdleTimeout(options.idleTimeout);
    this.checks = new Checks(
      { validateReplies: options.validateReplies, validateParams: options.validateParams },
      validators,
    );
    this.#ownsAgent = options.agent === undefined;
    this.#agent = options.agent ?? createAgent(url, idleTimeout);
    this.transport = new HttpTransport({ url, method, agent: this.#agent, maxReplyBytes });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Starts a call: throws `CentUsageError` after `close()` or for bad per-call options. */
  begin(options: CallOptions | undefined): CallFrame {
    if (this.#closed) throw new CentUsageError('the client is closed');
    const retryOption = options?.retry;
    const retry = retryOption === undefined ? this.#retry : resolveRetry(retryOption);
    const onReply = options?.onReply;
    if (onReply !== undefined && typeof onReply !== 'function') throw new CentUsageError('onReply must be a function');
    const scope = new CallScope(resolveTimeout(options?.timeout ?? this.timeout), options?.signal);
    return { scope, retry, onReply };
  }

  /** Frees the keep-alive sockets of the client's own agent (an agent given by the caller is left alone). */
  close(): void {
    this.#closed = true;
    if (this.#ownsAgent) this.#agent.destroy();
  }
}
