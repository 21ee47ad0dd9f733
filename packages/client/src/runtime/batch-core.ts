import type { CallOptions, Command } from './types.js';

/**
 * The entries of a batch whose length the type system cannot know: one built in a loop. It is
 * the default type of a new batch, so `let b = client.batch(); for (...) b = b.publish(...)`
 * types without annotations, and `send()` then resolves to `readonly E[]`.
 */
export type OpenEntries<E> = readonly E[];

/**
 * The entries after one more command: a tuple grows by one (`[A]` → `[A, B]`); a new or loop-built
 * batch (`OpenEntries`) starts a tuple. So `client.batch().publish(p).history(h).send()` resolves to
 * `[Entry<Publish>, Entry<History>]`. A chain continued on a variable that went through a loop
 * starts a new tuple too: destructure only batches chained in one expression.
 */
export type Append<T extends readonly unknown[], E> = number extends T['length'] ? [E] : [...T, E];

/**
 * A typed batch, for every codec: the generated `Batch` subclasses it with one method per protocol
 * method, each calling `push` and declaring the next type (`Batch<Append<T, Entry<Result>>>`).
 * `send()` runs the commands and resolves to one entry per command, in order; a failed command
 * never hides the others. `O` are options of the protocol's batch (e.g. `{ parallel }`), passed
 * to `send()` with the call options. A batch can be sent again: it sends the same commands again.
 */
export class BatchCore<T extends readonly unknown[], O extends object = object> {
  readonly #run: (commands: readonly Command[], options?: CallOptions & O) => Promise<readonly unknown[]>;
  readonly #commands: Command[] = [];

  constructor(run: (commands: readonly Command[], options?: CallOptions & O) => Promise<readonly unknown[]>) {
    this.#run = run;
  }

  /**
   * Appends one command and returns `this`, typed as what the caller's declared return type says
   * (the generated method `publish(...): Batch<Append<T, BatchEntry<PublishResult>>>` just returns it).
   */
  protected push<Next extends BatchCore<readonly unknown[], O>>(method: string, params: unknown): Next {
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

  send(options?: CallOptions & O): Promise<T> {
    return this.#run(this.#commands.slice(), options) as Promise<unknown> as Promise<T>;
  }
}
