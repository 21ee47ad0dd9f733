/**
 * The time and cancellation frame of one call: its whole-call deadline (`timeout`), the caller's
 * `AbortSignal`, and per-attempt deadlines (`retry.attemptTimeout`) nested inside it.
 *
 * Stopping is a plain flag plus one callback, not an `AbortController`: creating an
 * `AbortSignal` and adding/removing its listeners cost more per call than the rest of the
 * client's own work. The caller's signal is listened to only when one is given.
 */

// setTimeout fires at once for delays above 2^31-1 ms: treat those as "no deadline".
const MAX_TIMER = 2 ** 31 - 1;

export type StopReason = 'abort' | 'call-timeout' | 'attempt-timeout';

function startTimer(ms: number, onFire: () => void): ReturnType<typeof setTimeout> | undefined {
  if (ms > MAX_TIMER) return undefined;
  const timer = setTimeout(onFire, ms);
  timer.unref();
  return timer;
}

/** What an HTTP attempt watches: a flag, and one callback run (synchronously) when it turns on. */
export interface StopSignal {
  readonly stopped: boolean;
  /** Sets the callback run once when stopped (`undefined` clears it). */
  onStop(listener: (() => void) | undefined): void;
}

/** One attempt: stopped when the call stops or the attempt's own deadline passes. */
export class AttemptScope implements StopSignal {
  readonly #call: CallScope;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #listener: (() => void) | undefined;

  constructor(call: CallScope, attemptTimeout: number | undefined) {
    this.#call = call;
    this.#timer =
      attemptTimeout === undefined
        ? undefined
        : startTimer(attemptTimeout, () => {
            this.#timedOut = true;
            this.#fire();
          });
    call.watch(() => this.#fire());
  }

  #fire(): void {
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.();
  }

  get stopped(): boolean {
    return this.#timedOut || this.#call.stopped;
  }

  onStop(listener: (() => void) | undefined): void {
    this.#listener = listener;
  }

  /** Why the attempt was stopped, if it was. */
  stopReason(): StopReason | undefined {
    return this.#call.stopReason() ?? (this.#timedOut ? 'attempt-timeout' : undefined);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#listener = undefined;
    this.#call.watch(undefined);
  }
}

export class CallScope {
  readonly timeout: number;
  readonly #user: AbortSignal | undefined;
  readonly #deadline: number;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  #onUserAbort: (() => void) | undefined;
  #stopped = false;
  #timedOut = false;
  /** Run when the call stops: the current attempt or backoff sleep (a call runs them one at a time). */
  #watcher: (() => void) | undefined;

  constructor(timeout: number, user: AbortSignal | undefined) {
    this.timeout = timeout;
    this.#user = user;
    this.#deadline = performance.now() + timeout;
    this.#timer = startTimer(timeout, () => {
      this.#timedOut = true;
      this.#stop();
    });
    if (user === undefined) return;
    if (user.aborted) this.#stopped = true;
    else {
      this.#onUserAbort = (): void => this.#stop();
      user.addEventListener('abort', this.#onUserAbort, { once: true });
    }
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const watcher = this.#watcher;
    this.#watcher = undefined;
    watcher?.();
  }

  /** The call timed out or the caller aborted it. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Sets what runs when the call stops (`undefined` clears it). */
  watch(watcher: (() => void) | undefined): void {
    this.#watcher = watcher;
  }

  /** The caller's abort wins over the timeout when both happened. */
  stopReason(): StopReason | undefined {
    if (this.#user?.aborted) return 'abort';
    if (this.#timedOut) return 'call-timeout';
    return undefined;
  }

  get userReason(): unknown {
    return this.#user?.reason;
  }

  /** Milliseconds left before the call's deadline. */
  remaining(): number {
    return this.#deadline - performance.now();
  }

  attempt(attemptTimeout: number | undefined): AttemptScope {
    return new AttemptScope(this, attemptTimeout);
  }

  /** Waits `ms`, or less if the call stops meanwhile (the caller then checks `stopReason()`). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopped) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.watch(undefined);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.watch(done);
    });
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#onUserAbort !== undefined) this.#user?.removeEventListener('abort', this.#onUserAbort);
    this.#watcher = undefined;
  }
}
