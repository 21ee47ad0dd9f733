import { describe, expect, it } from 'vitest';
import { TextRing } from '../src/state/text-ring.js';

describe('TextRing', () => {
  it('reads back what was appended while kept, through growth and wrap-around', () => {
    const ring = new TextRing();
    const live: { at: number; s: string }[] = [];
    let last = -1;
    for (let round = 0; round < 20_000; round += 1) {
      const s = `${'é😀\udc00abc'.slice(0, round % 7)}${round}`.repeat(1 + (round % 13));
      const at = ring.append(s);
      expect(at).toBeGreaterThan(last);
      last = at;
      live.push({ at, s });
      // Keep a window of recent strings, releasing the oldest FIFO.
      while (live.length > 1 + (round % 50)) {
        live.shift();
        ring.release((live[0] as { at: number }).at);
      }
      if (round % 97 === 0) for (const x of live) expect(ring.read(x.at, x.s.length)).toBe(x.s);
    }
  });
  it('clear forgets everything; reads of empty strings need no room', () => {
    const ring = new TextRing();
    ring.append('abc');
    ring.clear();
    const at = ring.append('xyz');
    expect(ring.read(at, 3)).toBe('xyz');
    expect(ring.read(at, 0)).toBe('');
  });
});
