/**
 * The API sign check (`auth/auth.go:40-54`): the sign must be exactly 64 bytes and equal the
 * lowercase hex HMAC-SHA256 of `data` keyed with the secret. Compared in constant time.
 *
 * HMAC is computed as RFC 2104 spells it, H((K ^ opad) || H((K ^ ipad) || data)), with two
 * one-shot `crypto.hash` calls over buffers prepared once per secret: a `createHmac` object per
 * request (a stream with a native handle, finalised by the GC) cost about twice as much.
 * Large data (and string data) still goes through `createHmac`, which streams without a copy.
 */
import { createHash, createHmac, hash, timingSafeEqual } from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;
/** Data up to this many bytes is copied after the prepared inner block and hashed in one call. */
const ONE_SHOT_MAX = 16 * 1024;

interface PreparedKey {
  readonly secret: string;
  /** K ^ ipad, then room for the data. */
  readonly inner: Buffer;
  /** `inner` cut to 64 + n bytes, by n, made once for short data (a view costs as much as a hash). */
  readonly views: (Buffer | undefined)[];
  /** K ^ opad, then the inner digest. */
  readonly outer: Buffer;
}

const VIEW_CACHE_MAX = 1024;

let prepared: PreparedKey | undefined;
/** Other secrets prepared lately (several mocks in one test process), a few at most. */
const preparedBySecret = new Map<string, PreparedKey>();
const PREPARED_MAX = 8;

function prepare(secret: string): PreparedKey {
  if (prepared !== undefined && prepared.secret === secret) return prepared;
  let found = preparedBySecret.get(secret);
  if (found === undefined) {
    found = prepareKey(secret);
    if (preparedBySecret.size >= PREPARED_MAX) preparedBySecret.clear();
    preparedBySecret.set(secret, found);
  }
  prepared = found;
  return found;
}

function prepareKey(secret: string): PreparedKey {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
  const inner = Buffer.alloc(BLOCK + ONE_SHOT_MAX);
  const outer = Buffer.alloc(BLOCK + DIGEST);
  for (let i = 0; i < BLOCK; i += 1) {
    const k = key[i] ?? 0;
    inner[i] = k ^ 0x36;
    outer[i] = k ^ 0x5c;
  }
  return { secret, inner, views: new Array<Buffer | undefined>(VIEW_CACHE_MAX + 1).fill(undefined), outer };
}

export function apiSign(secret: string, data: Buffer | string): string {
  if (typeof data === 'string' || data.length > ONE_SHOT_MAX) return createHmac('sha256', secret).update(data).digest('hex');
  const k = prepare(secret);
  const n = data.length;
  k.inner.set(data, BLOCK);
  let view = n <= VIEW_CACHE_MAX ? k.views[n] : undefined;
  if (view === undefined) {
    view = k.inner.subarray(0, BLOCK + n);
    if (n <= VIEW_CACHE_MAX) k.views[n] = view;
  }
  // 'binary' (latin1): the 32 digest bytes as a 32-character string, copied back as bytes (a
  // plain loop: Buffer#write's argument handling costs more than the copy).
  const innerDigest = hash('sha256', view, 'binary');
  const outer = k.outer;
  for (let i = 0; i < DIGEST; i += 1) outer[BLOCK + i] = innerDigest.charCodeAt(i);
  return hash('sha256', outer, 'hex');
}

const expected = Buffer.alloc(2 * DIGEST);

export function checkApiSign(secret: string, data: Buffer, sign: Buffer): boolean {
  if (sign.length !== 2 * DIGEST) return false;
  const hex = apiSign(secret, data);
  for (let i = 0; i < 2 * DIGEST; i += 1) expected[i] = hex.charCodeAt(i);
  return timingSafeEqual(expected, sign);
}
