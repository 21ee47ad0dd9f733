import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiSign, checkApiSign } from '../src/http/sign.js';

const reference = (secret: string, data: Buffer | string) => createHmac('sha256', secret).update(data).digest('hex');

describe('API sign (HMAC-SHA256, lowercase hex)', () => {
  const secrets = ['', 's', 'bench-secret', 'k'.repeat(63), 'k'.repeat(64), 'k'.repeat(65), 'ключ-🔑'.repeat(20)];
  const sizes = [0, 1, 55, 56, 63, 64, 119, 120, 1000, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000];
  it('equals createHmac for secrets around the block size and data around padding and the one-shot limit', () => {
    for (const secret of secrets) {
      for (const size of sizes) {
        const data = randomBytes(size);
        expect(apiSign(secret, data), `secret length ${secret.length}, data ${size} bytes`).toBe(
          reference(secret, data),
        );
        expect(apiSign(secret, data.toString('latin1'))).toBe(reference(secret, data.toString('latin1')));
      }
    }
  });
  it('switching secrets back and forth keeps each one right', () => {
    const data = Buffer.from('[{"method":"publish"}]');
    for (let i = 0; i < 10; i += 1)
      for (const secret of secrets) expect(apiSign(secret, data)).toBe(reference(secret, data));
  });
  it('checkApiSign: exact lowercase hex only, 64 bytes', () => {
    const data = randomBytes(200);
    const good = reference('x', data);
    expect(checkApiSign('x', data, Buffer.from(good))).toBe(true);
    expect(checkApiSign('x', data, Buffer.from(good.toUpperCase()))).toBe(good === good.toUpperCase());
    expect(checkApiSign('x', data, Buffer.from(`${good} `))).toBe(false);
    expect(checkApiSign('x', data, Buffer.from(good.slice(0, 63)))).toBe(false);
    expect(checkApiSign('y', data, Buffer.from(good))).toBe(false);
    const flipped = Buffer.from(good);
    flipped[10] = flipped[10] === 0x30 ? 0x31 : 0x30;
    expect(checkApiSign('x', data, flipped)).toBe(false);
  });
});
