/**
 * Short strings kept as UTF-16 code units in one growing ring buffer instead of as strings on
 * the heap, first in, first out. The recorder keeps 10,000 commands: as strings, each command
 * kept its params and channel alive as young objects that the garbage collector had to copy
 * and promote, and that made V8 grow and churn its young generation (~0.6 µs per publish).
 * Copying ~50 characters into the ring costs a fraction of that.
 *
 * Positions are logical (code units appended since the start), so growing the ring does not
 * move them; a position maps to index `position & mask` (capacity is a power of two, and
 * `&` keeps the low bits of any position below 2^53).
 */
export class TextRing {
  private units = new Uint16Array(0);
  private mask = 0;
  /** Logical position of the oldest unit still kept. */
  private start = 0;
  /** Logical position after the newest unit. */
  private end = 0;

  /** Appends the code units of `s`; returns where they start. */
  append(s: string): number {
    const n = s.length;
    const at = this.end;
    if (at + n - this.start > this.units.length) this.grow(at + n - this.start);
    const units = this.units;
    const mask = this.mask;
    for (let i = 0; i < n; i += 1) units[(at + i) & mask] = s.charCodeAt(i);
    this.end = at + n;
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

  /** The `length` code units from `position` (which must still be kept) as a string. */
  read(position: number, length: number): string {
    if (length === 0) return '';
    const from = position & this.mask;
    const first = Math.min(length, this.units.length - from);
    const part = utf16(this.units, from, first);
    return first === length ? part : part + utf16(this.units, 0, length - first);
  }

  clear(): void {
    this.start = this.end;
  }

  private grow(need: number): void {
    let capacity = Math.max(1024, this.units.length * 2);
    while (capacity < need) capacity *= 2;
    const next = new Uint16Array(capacity);
    const mask = capacity - 1;
    for (let p = this.start; p < this.end; p += 1) next[p & mask] = this.units[p & this.mask] as number;
    this.units = next;
    this.mask = mask;
  }
}

/** Code units as they are (lone surrogates included), a few thousand per call. */
function utf16(units: Uint16Array, from: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 4096) {
    out += String.fromCharCode.apply(null, units.subarray(from + i, from + Math.min(length, i + 4096)) as unknown as number[]);
  }
  return out;
}
