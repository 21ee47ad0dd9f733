/**
 * Short strings kept as UTF-16LE bytes in one growing ring buffer instead of as strings on the
 * heap, first in, first out. The recorder keeps 10,000 commands: as strings, each command kept
 * its params and channel alive as young objects that the garbage collector had to copy and
 * promote, and that made V8 grow and churn its young generation (~0.5 µs per publish).
 * Copying ~50 characters into the ring costs a fraction of that.
 *
 * Positions are logical byte offsets (counted since the start), so growing the ring does not
 * move them; a position maps to index `position & mask` (capacity is a power of two, and `&`
 * keeps the low bits of any position below 2^53). Each string is stored in one piece: one
 * that would cross the end of the buffer starts at the next lap instead.
 */
export class TextRing {
  private bytes = Buffer.alloc(0);
  private mask = 0;
  /** Logical position of the oldest byte still kept. */
  private start = 0;
  /** Logical position after the newest byte. */
  private end = 0;

  /** Appends the code units of `s`; returns where they start. */
  append(s: string): number {
    const size = 2 * s.length;
    let at = this.placeFor(size);
    if (at + size - this.start > this.bytes.length) {
      this.grow(at + size - this.start);
      at = this.placeFor(size);
    }
    const p = at & this.mask;
    const bytes = this.bytes;
    if (s.length <= SHORT) {
      // Short strings: a loop is cheaper than Buffer#write's argument handling.
      for (let i = 0; i < s.length; i += 1) {
        const c = s.charCodeAt(i);
        bytes[p + 2 * i] = c;
        bytes[p + 2 * i + 1] = c >>> 8;
      }
    } else {
      bytes.write(s, p, size, 'utf16le');
    }
    this.end = at + size;
    return at;
  }

  /** Where the next string will start (the end of what is kept). */
  get position(): number {
    return this.end;
  }

  /** Forgets everything before `position`. */
  release(position: number): void {
    if (position > this.start) this.start = Math.min(position, this.end);
  }

  /** The `length` code units stored at `position` (which must still be kept). */
  read(position: number, length: number): string {
    if (length === 0) return '';
    const p = position & this.mask;
    return this.bytes.toString('utf16le', p, p + 2 * length);
  }

  /** Whether the `s.length` code units at `position` are `s`, without making a string. */
  equals(position: number, s: string): boolean {
    const p = position & this.mask;
    const bytes = this.bytes;
    for (let i = 0; i < s.length; i += 1) {
      const c = s.charCodeAt(i);
      if (bytes[p + 2 * i] !== (c & 0xff) || bytes[p + 2 * i + 1] !== c >>> 8) return false;
    }
    return true;
  }

  clear(): void {
    this.start = this.end;
  }

  /** Where a string of `size` bytes goes: at the end, or at the next lap if it would wrap. */
  private placeFor(size: number): number {
    const capacity = this.bytes.length;
    const p = this.end & this.mask;
    return capacity > 0 && p + size > capacity ? this.end + (capacity - p) : this.end;
  }

  private grow(need: number): void {
    let capacity = Math.max(4096, this.bytes.length * 2);
    while (capacity < need) capacity *= 2;
    const next = Buffer.alloc(capacity);
    const mask = capacity - 1;
    // Kept strings stay in one piece: at twice the capacity a piece cannot cross the end.
    for (let p = this.start; p < this.end; p += 1) next[p & mask] = this.bytes[p & this.mask] as number;
    this.bytes = next;
    this.mask = mask;
  }
}

const SHORT = 16;
