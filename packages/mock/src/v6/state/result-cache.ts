/**
 * The brokers' idempotency cache: the position a publish with an `idempotency_key` answered,
 * kept for 300 s (`defaultIdempotentResultExpireSeconds`); a repeat within the window gets the
 * cached position and does nothing. The stream broker files results under `channel + "_" + key`
 * (so channel `a_b` with key `c` and channel `a` with key `b_c` share one), the map broker per
 * channel, then per key: `flat` chooses. Entries leave when they expire and, past
 * `maxEntries`, oldest first, so a stream of distinct keys cannot grow memory without bound.
 */
import type { Clock } from '../../clock.js';
import type { Position } from './history-hub.js';

export const IDEMPOTENCY_WINDOW_MS = 300_000;
export const DEFAULT_MAX_CACHED_RESULTS = 100_000;

interface Cached {
  readonly channel: string;
  readonly position: Position;
  readonly expireAt: number;
}

export class ResultCache {
  private readonly entries = new Map<string, Cached>();

  constructor(
    private readonly clock: Clock,
    private readonly flat: boolean,
    private readonly maxEntries = DEFAULT_MAX_CACHED_RESULTS,
  ) {}

  private id(ch: string, key: string): string {
    return this.flat ? `${ch}_${key}` : JSON.stringify([ch, key]);
  }

  get(ch: string, key: string): Position | undefined {
    const hit = this.entries.get(this.id(ch, key));
    return hit === undefined || hit.expireAt <= this.clock.now() ? undefined : hit.position;
  }

  save(ch: string, key: string, position: Position, windowMs = IDEMPOTENCY_WINDOW_MS): void {
    const now = this.clock.now();
    const id = this.id(ch, key);
    this.entries.delete(id); // re-inserted at the end: the map stays ordered by expiry
    this.entries.set(id, { channel: ch, position, expireAt: now + windowMs });
    for (const [k, v] of this.entries) {
      if (v.expireAt > now && this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
    }
  }

  /** Drops a channel's entries (map_clear does this). */
  clearChannel(ch: string): void {
    for (const [k, v] of this.entries) if (v.channel === ch) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
