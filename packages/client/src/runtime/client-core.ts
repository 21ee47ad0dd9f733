/**
 * The generic client the generated one subclasses: single calls, cent's `add`/`send` buffer,
 * batches split in chunks of `maxBatchSize`, opt-in retries and reply validation.
 */
import http from 'node:http';
import https from 'node:https';
import type { ClientOptions, ResolvedRetry } from './options.js';
import type { ReplyValidator } from './reply-validator.js';
import type { BatchEntry, CallOptions, Command, MethodTable, MethodTypeMap } from './types.js';
import { buildApiUrl, redactUrl } from './api-url.js';
import { BatchCore } from './batch-core.js';
import { CallScope } from './call-scope.js';
import type { BatchProgress } from './errors.js';
import { CentCommandError, CentContractError, CentError, CentUsageError } from './errors.js';
import { HttpTransport } from './http-transport.js';
import { resolveMaxBatchSize, resolveRetry, resolveTimeout } from './options.js';
import { checkReply, loadSchemaValidator } from './reply-validator.js';
import { generateApiSign } from './sign.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const OWN_HEADERS = new Set(['content-type', 'content-length', 'x-api-sign']);

/** The caller's headers without those the client sets itself (whatever their case). */
function ownHeadersRemoved(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())));
}

/** What a batch knows when `error` stopped it in the chunk starting at `start`. */
function progress(
  error: CentError,
  settled: readonly BatchEntry<unknown>[],
  chunkReplies: readonly BatchEntry<unknown>[] | undefined,
  start: number,
  total: number,
): BatchProgress {
  // A contract failure happens after the whole chunk ran: the entries before it are known and valid.
  if (error instanceof CentContractError && error.index !== undefined && chunkReplies !== undefined) {
    return { entries: [...settled, ...chunkReplies.slice(0, error.index - start)], failedAt: error.index, total };
  }
  return { entries: settled.slice(), failedAt: start, total };
}

export class ClientCore<M extends MethodTypeMap> {
  readonly #transport: HttpTransport;
  readonly #methods: MethodTable;
  readonly #timeout: number;
  readonly #maxBatchSize: number;
  readonly #retry: ResolvedRetry | undefined;
  readonly #validatorOption: ClientOptions['validateReplies'];
  #validator: Promise<ReplyValidator> | undefined;
  readonly #agent: http.Agent;
  readonly #ownsAgent: boolean;
  readonly #encoding: 'form' | 'json';
  #buffer: Command[] = [];
  #closed = false;

  constructor(options: ClientOptions, methods: MethodTable) {
    const url = buildApiUrl(options.address);
    if (typeof options.secret !== 'string') throw new CentUsageError('secret must be a string');
    const secret = options.secret;
    this.#methods = methods;
    this.#timeout = resolveTimeout(options.timeout);
    this.#maxBatchSize = resolveMaxBatchSize(options.maxBatchSize);
    this.#retry = resolveRetry(options.retry);
    this.#validatorOption = options.validateReplies;
    this.#encoding = options.encoding ?? 'form';
    if (this.#encoding !== 'form' && this.#encoding !== 'json') {
      throw new CentUsageError(`encoding must be 'form' or 'json', got ${String(this.#encoding)}`);
    }
    this.#ownsAgent = options.agent === undefined;
    this.#agent =
      options.agent ?? (url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true }));
    this.#transport = new HttpTransport({
      url,
      displayUrl: redactUrl(url),
      encoding: this.#encoding,
      // The secret lives only in this closure.
      sign: options.insecure === true ? undefined : (data) => generateApiSign(secret, data),
      headers: ownHeadersRemoved(options.headers ?? {}),
      agent: this.#agent,
    });
  }

  /** One command: resolves to the reply's `body`, or rejects with a `CentError`. */
  protected async call<K extends keyof M & string>(
    method: K,
    params: M[K]['params'],
    options?: CallOptions,
  ): Promise<M[K]['result']> {
    const [entry] = await this.#run([{ method, params }], options, false);
    if (entry === undefined) throw new Error('unreachable: one command gives one entry');
    if (!entry.ok) throw new CentCommandError({ method, error: entry.error, advice: entry.advice });
    return entry.body as M[K]['result'];
  }

  /** Runs commands as a batch (in chunks of `maxBatchSize`): one entry per command, in order. */
  protected runCommands(commands: readonly Command[], options?: CallOptions): Promise<BatchEntry<unknown>[]> {
    return this.#run(commands, options, true);
  }

  /** An empty typed batch; the generated `batch()` builds its subclass the same way. */
  protected createBatch(): BatchCore<[]> {
    return new BatchCore<[]>((commands, options) => this.runCommands(commands, options));
  }

  /** cent's buffer: adds one command for the next `send()`. */
  add<K extends keyof M & string>(method: K, params: M[K]['params']): this {
    this.#buffer.push({ method, params });
    return this;
  }

  /** Empties the buffer without sending it (cent's `reset()`). */
  reset(): this {
    this.#buffer = [];
    return this;
  }

  /** Number of buffered commands. */
  get pending(): number {
    return this.#buffer.length;
  }

  /** Sends the buffer (emptied first, even if sending fails, as cent does): one entry per command. */
  send(options?: CallOptions): Promise<BatchEntry<unknown>[]> {
    const commands = this.#buffer;
    this.#buffer = [];
    return this.runCommands(commands, options);
  }

  /** Frees the keep-alive sockets of the client's own agent (an agent you passed is left alone). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#ownsAgent) this.#agent.destroy();
  }

  async #run(commands: readonly Command[], options: CallOptions | undefined, batch: boolean): Promise<BatchEntry<unknown>[]> {
    if (this.#closed) throw new CentUsageError('the client is closed');
    if (commands.length === 0) return [];
    const retryOption = options?.retry;
    const retry = retryOption === undefined ? this.#retry : resolveRetry(retryOption);
    const onReply = options?.onReply;
    if (onReply !== undefined && typeof onReply !== 'function') throw new CentUsageError('onReply must be a function');
    const scope = new CallScope(resolveTimeout(options?.timeout ?? this.#timeout), options?.signal);
    const validating = this.#validatorOption !== undefined && this.#validatorOption !== false;
    const size = this.#maxBatchSize;
    let entries: BatchEntry<unknown>[] = [];
    try {
      for (let start = 0; start < commands.length; start += size) {
        const chunk = start === 0 && commands.length <= size ? commands : commands.slice(start, start + size);
        let replies: BatchEntry<unknown>[] | undefined;
        try {
          replies = await this.#transport.request(chunk, scope, retry, () => this.#readOnly(chunk), onReply);
          if (validating) await this.#validate(replies, batch ? start : undefined);
          if (start === 0) entries = replies;
          else entries.push(...replies);
        } catch (error) {
          if (batch && error instanceof CentError) error.batch = progress(error, entries, replies, start, commands.length);
          throw error;
        }
      }
      return entries;
    } finally {
      scope.dispose();
    }
  }

  /** Every command is a known `read`: safe to retry after it may have reached the server. */
  #readOnly(chunk: readonly Command[]): boolean {
    return chunk.every((c) => Object.hasOwn(this.#methods, c.method) && this.#methods[c.method]?.effect === 'read');
  }

  async #validate(replies: BatchEntry<unknown>[], offset: number | undefined): Promise<void> {
    if (this.#validatorOption === undefined || this.#validatorOption === false) return;
    const validator = await this.#loadValidator();
    for (const [i, entry] of replies.entries()) {
      if (!entry.ok) continue;
      entry.body = await checkReply(validator, entry.method, entry.body, offset === undefined ? undefined : offset + i);
    }
  }

  #loadValidator(): Promise<ReplyValidator> {
    const option = this.#validatorOption;
    if (typeof option === 'function') return Promise.resolve(option);
    this.#validator ??= loadSchemaValidator();
    return this.#validator;
  }

  /** What `util.inspect` and loggers see: never the secret. */
  [INSPECT](): string {
    return `${this.constructor.name} { url: '${this.#transport.displayUrl}', encoding: '${this.#encoding}', timeout: ${this.#timeout}, pending: ${this.#buffer.length} }`;
  }

  toJSON(): Record<string, unknown> {
    return { url: this.#transport.displayUrl, encoding: this.#encoding, timeout: this.#timeout };
  }

  toString(): string {
    return `${this.constructor.name}(${this.#transport.displayUrl})`;
  }
}
