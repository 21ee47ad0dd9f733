/**
 * The client of the `commands` codec (the 1.x API), which the generated 1.x client subclasses:
 * single calls, cent's `add`/`send` buffer, batches split in chunks of `maxBatchSize`, opt-in
 * retries and schema checks.
 */
import type { ClientOptions } from './options.js';
import type { ValidatorSource } from './reply-validator.js';
import type { BatchEntry, CallOptions, Command, MethodTable, MethodTypeMap } from './types.js';
import type { BatchProgress } from './errors.js';
import type { CommandsCodecConfig } from './commands/codec.js';
import { BatchCore } from './batch-core.js';
import { CentContractError, CentError, CentUsageError } from './errors.js';
import { withoutHeaders } from './headers.js';
import { HttpClientRuntime } from './http-client.js';
import { addIdempotencyKeys, isReplaySafe } from './idempotency.js';
import { resolveMaxBatchSize } from './options.js';
import { redactUrl } from './redact-url.js';
import { buildApiUrl } from './commands/api-url.js';
import { COMMANDS_OWN_HEADERS, prepareCommands } from './commands/codec.js';
import { CentCommandError } from './commands/command-error.js';
import { generateApiSign } from './commands/sign.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The 1.x validators, imported only when a check needs them. */
const VALIDATORS: ValidatorSource = {
  module: '@centkit/validators',
  load: async () => (await import('@centkit/validators')).validate,
};

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
  readonly #runtime: HttpClientRuntime;
  readonly #codec: CommandsCodecConfig;
  readonly #methods: MethodTable;
  readonly #maxBatchSize: number;
  #buffer: Command[] = [];

  constructor(options: ClientOptions, methods: MethodTable) {
    const url = buildApiUrl(options.address);
    if (typeof options.secret !== 'string') throw new CentUsageError('secret must be a string');
    const secret = options.secret;
    const encoding = options.encoding ?? 'form';
    if (encoding !== 'form' && encoding !== 'json') {
      throw new CentUsageError(`encoding must be 'form' or 'json', got ${String(encoding)}`);
    }
    this.#methods = methods;
    this.#maxBatchSize = resolveMaxBatchSize(options.maxBatchSize);
    this.#runtime = new HttpClientRuntime(options, url, 'POST', VALIDATORS);
    this.#codec = {
      path: `${url.pathname}${url.search}`,
      displayUrl: redactUrl(url),
      encoding,
      // The secret lives only in this closure.
      sign: options.insecure === true ? undefined : (data) => generateApiSign(secret, data),
      headers: withoutHeaders(options.headers ?? {}, COMMANDS_OWN_HEADERS),
      replaySafe: (command) => isReplaySafe(methods, command),
    };
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
    this.#runtime.close();
  }

  async #run(
    given: readonly Command[],
    options: CallOptions | undefined,
    batch: boolean,
  ): Promise<BatchEntry<unknown>[]> {
    if (this.#runtime.closed) throw new CentUsageError('the client is closed');
    if (given.length === 0) return [];
    const frame = this.#runtime.begin(options);
    const checks = this.#runtime.checks;
    const size = this.#maxBatchSize;
    let entries: BatchEntry<unknown>[] = [];
    try {
      if (checks.params) await checks.checkParams(given, batch);
      const commands = frame.retry === undefined ? given : addIdempotencyKeys(this.#methods, given);
      for (let start = 0; start < commands.length; start += size) {
        const chunk = start === 0 && commands.length <= size ? commands : commands.slice(start, start + size);
        let replies: BatchEntry<unknown>[] | undefined;
        try {
          const request = prepareCommands(this.#codec, chunk);
          replies = await this.#runtime.transport.send(request, frame.scope, frame.retry, frame.onReply);
          if (checks.replies) await this.#validate(replies, batch ? start : undefined);
          if (start === 0) entries = replies;
          else entries.push(...replies);
        } catch (error) {
          if (batch && error instanceof CentError)
            error.batch = progress(error, entries, replies, start, commands.length);
          throw error;
        }
      }
      return entries;
    } finally {
      frame.scope.dispose();
    }
  }

  async #validate(replies: BatchEntry<unknown>[], offset: number | undefined): Promise<void> {
    for (const [i, entry] of replies.entries()) {
      if (!entry.ok) continue;
      entry.body = await this.#runtime.checks.checkResult(
        entry.method,
        entry.body,
        offset === undefined ? undefined : offset + i,
      );
    }
  }

  /** What `util.inspect` and loggers see: never the secret. */
  [INSPECT](): string {
    return `${this.constructor.name} { url: '${this.#codec.displayUrl}', encoding: '${this.#codec.encoding}', timeout: ${this.#runtime.timeout}, pending: ${this.#buffer.length} }`;
  }

  toJSON(): Record<string, unknown> {
    return { url: this.#codec.displayUrl, encoding: this.#codec.encoding, timeout: this.#runtime.timeout };
  }

  toString(): string {
    return `${this.constructor.name}(${this.#codec.displayUrl})`;
  }
}
