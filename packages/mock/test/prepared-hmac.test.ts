// Differential test of the quarantined prepared-block HMAC (src/http/prepared-hmac.ts) against
// node:crypto's createHmac, its plain reference: random secrets and data (seeded) of every
// length class that matters — secrets shorter than, equal to and longer than the 64-byte block,
// data around SHA-256's padding boundary, the cached views and the one-shot limit — and the
// same instance reused, since it writes into its scratch buffers on every call.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ONE_SHOT_MAX, PreparedHmac } from '../src/http/prepared-hmac.js';
import { prng } from './support/prng.js';

const reference = (secret: string, data: Buffer) => createHmac('sha256', secret).update(data).digest('hex');

const SECRET_LENGTHS = [0, 1, 12, 63, 64, 65, 200];
const DATA_LENGTHS = [0, 1, 55, 56, 63, 64, 119, 120, 1023, 1024, 1025, 4096, ONE_SHOT_MAX, ONE_SHOT_MAX + 1, 70_000];

function randomBytesOf(next: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i += 1) b[i] = Math.floor(next() * 256);
  return b;
}

/** A secret of `n` UTF-16 units, ASCII or not (its UTF-8 bytes are the key). */
function randomSecret(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1) {
    const r = next();
    s += String.fromCharCode(r < 0.7 ? 0x20 + Math.floor(next() * 95) : 0x80 + Math.floor(next() * 0x2000));
  }
  return s;
}

describe('PreparedHmac equals createHmac', () => {
  it('on random secrets and data of every length class, one instance reused', () => {
    const next = prng(0x5eed_4ac);
    let compared = 0;
    for (const secretLength of SECRET_LENGTHS) {
      const secret = randomSecret(next, secretLength);
      const hmac = new PreparedHmac(secret);
      // Long data first, then short: stale bytes left in the scratch buffer must not matter.
      for (const n of [...DATA_LENGTHS].reverse()) {
        const data = randomBytesOf(next, n);
        expect(hmac.hex(data), `secret ${secretLength} units, data ${n} bytes`).toBe(reference(secret, data));
        compared += 1;
      }
    }
    expect(compared).toBe(SECRET_LENGTHS.length * DATA_LENGTHS.length);
  });

  it('on 2,000 random secret/data pairs of random lengths', () => {
    const next = prng(20261207);
    for (let i = 0; i < 2000; i += 1) {
      const secret = randomSecret(next, Math.floor(next() * 100));
      const data = randomBytesOf(next, Math.floor(next() * 2100));
      expect(new PreparedHmac(secret).hex(data), `case ${i}`).toBe(reference(secret, data));
    }
  });

  it('matches: the exact lowercase hex sign only, 64 bytes', () => {
    const next = prng(7);
    const hmac = new PreparedHmac('bench-secret');
    for (let i = 0; i < 200; i += 1) {
      const data = randomBytesOf(next, Math.floor(next() * 3000));
      const good = reference('bench-secret', data);
      expect(hmac.matches(data, Buffer.from(good))).toBe(true);
      expect(hmac.matches(data, Buffer.from(reference('other', data)))).toBe(false);
      expect(hmac.matches(data, Buffer.from(good.slice(0, 63)))).toBe(false);
      expect(hmac.matches(data, Buffer.from(`${good}0`))).toBe(false);
      const flipped = Buffer.from(good);
      const at = Math.floor(next() * 64);
      flipped[at] = flipped[at] === 0x30 ? 0x31 : 0x30;
      expect(hmac.matches(data, flipped)).toBe(false);
      if (/[a-f]/.test(good)) expect(hmac.matches(data, Buffer.from(good.toUpperCase()))).toBe(false);
    }
  });
});
