/**
 * The client of the `params`/`envelope` codec (the Centrifugo v6 API), which the generated v6
 * client subclasses: one request per method call, resolving to the envelope's result; the
 * protocol's own keyed batch; opt-in retries (with idempotency keys for writes that take one),
 * schema checks, reply-size cap, abort and timeouts from the shared runtime.
 */
import type { HttpClientOptions } from './options.js';
import type { ValidatorSource } from './reply-validator.js';
import type { HttpTransportDescriptor } from './transport-descriptor.js';
import type { CallOptions, Command, MethodTable, MethodTypeMap } from './types.js';
import type { EnvelopeCodec } from './envelope/codec.js';
import type { KeyedBatchEntry } from './envelope/reply.js';
import { CentUsageError } from './errors.js';
import { HttpClientRuntime } from './http-client.js';
import { addIdempotencyKeys, isReplaySafe } from './idempotency.js';
import { createEnvelopeCodec } from './envelope/codec.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export interface EnvelopeClientOptions extends HttpClientOptions {
  /** The server, e.g. `http://localhost:8000`; the method's path (`/api/{method}`) is appended to its path. */
  url: string;
  /** The API key (sent in the header the transport names, `X-API-Key`). Never in errors, logs or `inspect` output. */
  apiKey?: string;
  /**
   * `body` (default): a failed method answers HTTP 200 with its error in the envelope.
   * `transport`: the client asks the server to answer it with an HTTP status instead (the
   * transport's header, `X-Centrifugo-Error-Mode: transport`); either way it rejects with `CentApiError`.
   */
  errorMode?: 'body' | 'transport';
  /** The path template instead of the transport's, e.g. `/prefix/api/{method}` for a server with another API prefix. */
  path?: string;
}

/** What the generated glue gives the runtime about its protocol. */
export interface ProtocolBinding {
  /** Each method's effect and idempotency-key field. */
  methods: MethodTable;
  /** The transport descriptor (from the generated protocol table). */
  transport: HttpTransportDescriptor;
  /** The protocol's validators (`validateReplies`/`validateParams: true`), imported on first use. */
  validators?: ValidatorSource;
}

const NO_VALIDATORS: ValidatorSource = {
  module: "the protocol's validators",
  load: () => Promise.reject(new Error('the client was built without them')),
};

export class EnvelopeClientCore<M extends MethodTypeMap, C extends number = number, O extends object = object> {
  readonly #runtime: HttpClientRuntime;
  readonly #codec: EnvelopeCodec;
  readonly #methods: MethodTable;

  constructor(options: EnvelopeClientOptions, protocol: ProtocolBinding) {
    const methods = protocol.methods;
    this.#methods = methods;
    this.#codec = createEnvelopeCodec(protocol.transport, options, (command) => isReplaySafe(methods, command));
    this.#runtime = new HttpClientRuntime(
      options,
      this.#codec.url,
      this.#codec.method,
      protocol.validators ?? NO_VALIDATORS,
    );
  }

  /** One method: resolves to the reply's result, or rejects with a `CentError` (`CentApiError` when the server refused it). */
  protected async call<K extends keyof M & string>(
    method: K,
    params: M[K]['params'],
    options?: CallOptions,
  ): Promise<M[K]['result']> {
    const frame = this.#runtime.begin(options);
    const checks = this.#runtime.checks;
    try {
      let command: Command = { method, params };
      if (checks.params) await checks.checkParams([command], false);
      if (frame.retry !== undefined) [command] = addIdempotencyKeys(this.#methods, [command]) as [Command];
      const result = await this.#runtime.transport.send(
        this.#codec.prepareCall(command),
        frame.scope,
        frame.retry,
        frame.onReply,
      );
      return (checks.replies ? await checks.checkResult(method, result) : result) as M[K]['result'];
    } finally {
      frame.scope.dispose();
    }
  }

  /**
   * Sends `commands` as one request of the protocol's batch method: one entry per command, in
   * order. The protocol's batch options (`O`, e.g. `parallel`) come with the call options. An
   * empty batch sends nothing and resolves to `[]`.
   */
  protected async runBatch(
    commands: readonly Command[],
    options?: CallOptions & Partial<O>,
  ): Promise<KeyedBatchEntry<unknown, C>[]> {
    const batch = this.#codec.batch;
    if (batch === undefined) throw new CentUsageError('this transport has no batch');
    if (this.#runtime.closed) throw new CentUsageError('the client is closed');
    if (commands.length === 0) return [];
    const frame = this.#runtime.begin(options);
    const checks = this.#runtime.checks;
    try {
      if (checks.params) await checks.checkParams(commands, true);
      const sent = frame.retry === undefined ? commands : addIdempotencyKeys(this.#methods, commands);
      const given = (options ?? {}) as Record<string, unknown>;
      const batchOptions = Object.fromEntries(
        batch.options.filter((name) => given[name] !== undefined).map((name) => [name, given[name]]),
      );
      const request = this.#codec.prepareBatch(sent, batchOptions);
      const entries = await this.#runtime.transport.send(request, frame.scope, frame.retry, frame.onReply);
      if (checks.replies) {
        for (const [i, entry] of entries.entries()) {
          if (entry.ok) entry.result = await checks.checkResult(entry.method, entry.result, i);
        }
      }
      return entries as KeyedBatchEntry<unknown, C>[];
    } finally {
      frame.scope.dispose();
    }
  }

  /** Frees the keep-alive sockets of the client's own agent (an agent you passed is left alone). */
  async close(): Promise<void> {
    this.#runtime.close();
  }

  /** What `util.inspect` and loggers see: never the API key. */
  [INSPECT](): string {
    return `${this.constructor.name} { url: '${this.#codec.displayUrl}', errorMode: '${this.#codec.errorMode}', timeout: ${this.#runtime.timeout} }`;
  }

  toJSON(): Record<string, unknown> {
    return { url: this.#codec.displayUrl, errorMode: this.#codec.errorMode, timeout: this.#runtime.timeout };
  }

  toString(): string {
    return `${this.constructor.name}(${this.#codec.displayUrl})`;
  }
}
