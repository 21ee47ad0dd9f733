/**
 * The shapes the generated client (`src/gen/client.gen.ts`) and the runtime share.
 * The runtime is generic over a method map: it knows no method names.
 */

/** Params and result type of every method, keyed by method name (emitted by the generator). */
export interface MethodTypeMap {
  [method: string]: { params: unknown; result: unknown };
}

/** What the runtime must know about each method at run time. */
export interface MethodInfo {
  /** `read`: running it twice changes nothing, so it is safe to retry after it may have reached the server. */
  effect: 'read' | 'write';
  /**
   * A write the server de-duplicates: the params field that carries the idempotency key (e.g.
   * `idempotency_key`). With retries on, the client sets one, so the write may be retried too.
   */
  idempotencyKey?: string;
}

/** Run-time facts per method, keyed by method name (emitted by the generator). */
export interface MethodTable {
  [method: string]: MethodInfo;
}

/** One command as it goes on the wire: key order `method`, then `params`. */
export interface Command {
  method: string;
  params: unknown;
}

/** What a batch (or `send()`) gives back for one command, in the order the commands were added. */
export type BatchEntry<R> =
  { ok: true; method: string; body: R } | { ok: false; method: string; error: string; advice?: string };

/** Per-call options. */
export interface CallOptions {
  /** Abort the call: it rejects with `CentAbortError` (its `reason` is the signal's reason). */
  signal?: AbortSignal;
  /** Overrides `ClientOptions.timeout` for this call (milliseconds, whole call). */
  timeout?: number;
  /** Overrides `ClientOptions.retry` for this call; `false` turns retries off. */
  retry?: RetryOptions | false;
  /**
   * Sees each HTTP reply of the call exactly as received (the body's bytes and the status), before
   * the client reads it: every chunk of a split batch, a non-2xx reply, one that is later retried,
   * and a 2xx body the client then rejects as malformed. Called synchronously; if it throws, the
   * call rejects with that error. The buffer is the caller's to keep.
   */
  onReply?: (body: Buffer, status: number) => void;
}

/** Opt-in retries: exponential backoff with jitter, only where a retry is safe (see README). */
export interface RetryOptions {
  /** Total attempts including the first one (default 3). */
  attempts?: number;
  /** Delay before the first retry, milliseconds (default 50). */
  minDelay?: number;
  /** Upper bound of any delay, milliseconds (default 1000). */
  maxDelay?: number;
  /**
   * Bound of one attempt, milliseconds (default: none, an attempt may use the whole remaining
   * `timeout`). With it, an attempt that hangs can be retried within the call's `timeout`.
   */
  attemptTimeout?: number;
}

/** Runs commands over the transport and gives one entry per command (the batch engine). */
export type CommandRunner = (commands: readonly Command[], options?: CallOptions) => Promise<BatchEntry<unknown>[]>;

/**
 * A batch runner of any codec: `O` are the protocol's own batch options, sent with the batch
 * (`{ parallel }` for a keyed batch), next to the `CallOptions`.
 */
export type BatchRunner<E, O extends object = object> = (
  commands: readonly Command[],
  options?: CallOptions & O,
) => Promise<readonly E[]>;
