/**
 * The API sign check (`auth/auth.go:40-54`): the sign must be exactly 64 bytes and equal the
 * lowercase hex HMAC-SHA256 of `data` keyed with the secret. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function apiSign(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function checkApiSign(secret: string, data: Buffer, sign: Buffer): boolean {
  if (sign.length !== 64) return false;
  return timingSafeEqual(Buffer.from(apiSign(secret, data), 'latin1'), sign);
}
