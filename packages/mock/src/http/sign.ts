/**
 * The API sign check (`auth/auth.go:40-54`): the sign must be exactly 64 bytes and equal the
 * lowercase hex HMAC-SHA256 of `data` keyed with the secret. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of `data` keyed with `secret`: the sign a client sends. */
export function apiSign(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function checkApiSign(secret: string, data: Buffer, sign: Buffer): boolean {
  return sign.length === 64 && timingSafeEqual(Buffer.from(apiSign(secret, data), 'latin1'), sign);
}
