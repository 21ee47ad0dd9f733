/**
 * A connection's timers by name (stale, ping, pong, expiry, subscription expiry): setting one
 * replaces the previous, all stop together when the connection closes, none keeps the process
 * alive.
 */
/** setTimeout's largest delay; a longer wait fires early and the callback checks again. */
const MAX_DELAY = 2 ** 31 - 1;

export class Timers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  set(name: string, ms: number, fn: () => void): void {
    this.clear(name);
    const t = setTimeout(
      () => {
        this.timers.delete(name);
        fn();
      },
      Math.min(MAX_DELAY, Math.max(0, ms)),
    );
    t.unref();
    this.timers.set(name, t);
  }

  clear(name: string): void {
    const t = this.timers.get(name);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(name);
  }

  clearAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
