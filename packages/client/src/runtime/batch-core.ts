import type { BatchEntry, CallOptions, Command, CommandRunner } from './types.js';

/**
 * A typed batch: the generated client's `batch()` returns a subclass whose methods call `push`
 * and narrow `T` (one `BatchEntry<Result>` per command). `send()` runs the commands in order and
 * resolves to one entry per command; a soft error in one entry never hides the others.
 * A batch can be sent again: it sends the same commands again.
 */
export class BatchCore<T extends readonly unknown[]> {
  readonly #run: CommandRunner;
  readonly #commands: Command[] = [];

  constructor(run: CommandRunner) {
    this.#run = run;
  }

  /**
   * Appends one command and returns `this`, typed as what the caller's declared return type says
   * (the generated method `publish(...): Batch<[...T, BatchEntry<PublishResult>]>` just returns it).
   */
  protected push<Next extends BatchCore<readonly unknown[]>>(method: string, params: unknown): Next {
    this.#commands.push({ method, params });
    return this as unknown as Next;
  }

  /** Number of commands in the batch. */
  get size(): number {
    return this.#commands.length;
  }

  /** The commands, in order (a copy). */
  get commands(): readonly Command[] {
    return this.#commands.slice();
  }

  send(options?: CallOptions): Promise<T> {
    return this.#run(this.#commands.slice(), options) as Promise<BatchEntry<unknown>[]> as unknown as Promise<T>;
  }
}
