/**
 * The API sign check (`auth/auth.go:40-54`): the sign must be exactly 64 bytes and equal the
 * lowercase hex HMAC-SHA256 of `data` keyed with the secret. Compared in constant time.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

let cachedSecret: string | undefined;
let cachedKey: KeyObject | undefined;

/** The key object for a secret, prepared once (the hot path signs with the same secret). */
function keyFor(secret: string): KeyObject | string {
  if (secret === '') return secret;
  if (secret !== cachedSecret) {
    cachedKey = createSecretKey(Buffer.from(secret, 'utf8'));
    cachedSecret = secret;
  }
  return cachedKey as KeyObject;
}

export function apiSign(secret: string, data: Buffer | string): string {
  return createHmac('sha256', keyFor(secret)).update(data).digest('hex');
}

export function checkApiSign(secret: string, data: Buffer, sign: Buffer): boolean {
  if (sign.length !== 64) return false;
  return timingSafeEqual(Buffer.from(apiSign(secret, data), 'latin1'), sign);
}
