/**
 * One channel's stream as the memory engine keeps it (centrifuge internal/memstream): offsets
 * count from 1 within an epoch, only the last `size` items are kept, clearing keeps the top
 * offset and the epoch, and reads go forward or backward from a position.
 */
import { newEpoch } from './epoch.js';

export class Stream<T> {
  top = 0;
  epoch = newEpoch();
  /** Version and version epoch of the last item added (for version-ordered publishing). */
  version = 0n;
  versionEpoch = '';
  /** Kept items, oldest first; items[i] has offset `first + i`. */
  private items: T[] = [];
  private first = 1;

  get size(): number {
    return this.items.length;
  }

  add(item: T, size: number, version = 0n, versionEpoch = ''): number {
    this.top += 1;
    if (this.items.length === 0) this.first = this.top;
    this.items.push(item);
    if (this.items.length > size) {
      const drop = this.items.length - size;
      this.items.splice(0, drop);
      this.first += drop;
    }
    this.version = version;
    this.versionEpoch = versionEpoch;
    return this.top;
  }

  clear(): void {
    this.items = [];
    this.first = this.top + 1;
  }

  /**
   * `Stream.Get`: from `offset` when `useOffset` (an offset no longer kept starts at the oldest
   * kept going forward, and gives nothing going backward; one past the top gives nothing), else
   * from the oldest (forward) or newest (backward). `limit` 0 gives nothing, negative everything.
   */
  get(offset: bigint, useOffset: boolean, limit: number, reverse: boolean): { item: T; offset: number }[] {
    const n = this.items.length;
    let start: number;
    if (useOffset) {
      if (offset >= BigInt(this.top) + 1n) return [];
      const i = Number(offset) - this.first;
      if (offset >= BigInt(this.first) && i < n) start = i;
      else if (reverse) return [];
      else start = 0;
    } else start = reverse ? n - 1 : 0;
    if (n === 0 || limit === 0) return [];
    const out: { item: T; offset: number }[] = [];
    for (let i = start; i >= 0 && i < n && (limit < 0 || out.length < limit); i += reverse ? -1 : 1) {
      out.push({ item: this.items[i] as T, offset: this.first + i });
    }
    return out;
  }
}
