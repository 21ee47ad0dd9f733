/**
 * The time and cancellation frame of one call: its whole-call deadline (`timeout`), the caller's
 * `AbortSignal`, and per-attempt deadlines (`retry.attemptTimeout`) nested inside it.
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

/** One attempt's signal: fires when the call stops or the attempt's own deadline passes. */
export interface AttemptScope {
  readonly signal: AbortSignal;
  /** Why the attempt was stopped, if it was. */
  stopReason(): StopReason | undefined;
  dispose(): void;
}

export class CallScope {
  readonly timeout: number;
  readonly #controller = new AbortController();
  readonly #user: AbortSignal | undefined;
  readonly #deadline: number;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onUserAbort = (): void => this.#stop();
  #timedOut = false;

  constructor(timeout: number, user: AbortSignal | undefined) {
    this.timeout = timeout;
    this.#user = user;
    this.#deadline = performance.now() + timeout;
    this.#timer = startTimer(timeout, () => {
      this.#timedOut = true;
      this.#stop();
    });
    if (user?.aborted) this.#stop();
    else user?.addEventListener('abort', this.#onUserAbort, { once: true });
  }

  #stop(): void {
    this.#controller.abort();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
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
    const controller = new AbortController();
    let attemptTimedOut = false;
    const onStop = (): void => controller.abort();
    if (this.signal.aborted) controller.abort();
    else this.signal.addEventListener('abort', onStop, { once: true });
    const timer =
      attemptTimeout === undefined
        ? undefined
        : startTimer(attemptTimeout, () => {
            attemptTimedOut = true;
            controller.abort();
          });
    return {
      signal: controller.signal,
      stopReason: () => this.stopReason() ?? (attemptTimedOut ? 'attempt-timeout' : undefined),
      dispose: () => {
        if (timer !== undefined) clearTimeout(timer);
        this.signal.removeEventListener('abort', onStop);
      },
    };
  }

  /** Waits `ms`, or less if the call stops meanwhile (the caller then checks `stopReason()`). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#user?.removeEventListener('abort', this.#onUserAbort);
  }
}
