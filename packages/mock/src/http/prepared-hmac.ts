/**
 * Quarantined speed-up (STYLE.md, "Speed-ups are quarantined"): HMAC-SHA256 for one secret,
 * computed as RFC 2104 spells it, H((K ^ opad) || H((K ^ ipad) || data)), with two one-shot
 * node:crypto `hash` calls over buffers prepared once, when the secret is. A `createHmac` object
 * per request (a stream with a native handle, finalised by the GC) costs about three times as
 * much: 3.7 against 1.1 µs of server CPU per signed publish.
 *
 * Justified by bench/mock.bench.js (`BENCH_MOCK_BUILDS=... node bench/run.js mock`: the 1.x
 * mock's signed publish, this build beside one that signs with `createHmac`); checked against
 * `createHmac` on random secrets and data by test/prepared-hmac.test.ts. Data over
 * `ONE_SHOT_MAX` bytes goes through `createHmac` (it streams without a copy).
 *
 * An instance holds scratch buffers it writes on every call: it belongs to one server (made with
 * it), never to the module.
 */
import { createHash, createHmac, hash, timingSafeEqual } from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;
/** Data up to this many bytes is copied after the prepared inner block and hashed in one call. */
export const ONE_SHOT_MAX = 16 * 1024;
/** Views of `inner` for data up to this many bytes are made once (making a view costs as much as a hash). */
const VIEW_CACHE_MAX = 1024;

export class PreparedHmac {
  private readonly secret: string;
  /** K ^ ipad, then room for the data. */
  private readonly inner: Buffer;
  /** `inner` cut to 64 + n bytes, by n. */
  private readonly views: (Buffer | undefined)[];
  /** K ^ opad, then the inner digest. */
  private readonly outer: Buffer;
  /** The expected sign's bytes, for the constant-time compare. */
  private readonly expected = Buffer.alloc(2 * DIGEST);

  constructor(secret: string) {
    this.secret = secret;
    let key = Buffer.from(secret, 'utf8');
    if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
    this.inner = Buffer.alloc(BLOCK + ONE_SHOT_MAX);
    this.outer = Buffer.alloc(BLOCK + DIGEST);
    for (let i = 0; i < BLOCK; i += 1) {
      const k = key[i] ?? 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
    this.views = new Array<Buffer | undefined>(VIEW_CACHE_MAX + 1).fill(undefined);
  }

  /** Lowercase hex HMAC-SHA256 of `data`. */
  hex(data: Buffer): string {
    const n = data.length;
    if (n > ONE_SHOT_MAX) return createHmac('sha256', this.secret).update(data).digest('hex');
    this.inner.set(data, BLOCK);
    let view = n <= VIEW_CACHE_MAX ? this.views[n] : undefined;
    if (view === undefined) {
      view = this.inner.subarray(0, BLOCK + n);
      if (n <= VIEW_CACHE_MAX) this.views[n] = view;
    }
    // 'binary' (latin1): the 32 digest bytes as a 32-character string, copied back as bytes (a plain
    // loop: Buffer#write's argument handling costs more than the copy).
    const innerDigest = hash('sha256', view, 'binary');
    const outer = this.outer;
    for (let i = 0; i < DIGEST; i += 1) outer[BLOCK + i] = innerDigest.charCodeAt(i);
    return hash('sha256', outer, 'hex');
  }

  /** `sign` is the lowercase hex HMAC of `data` (64 bytes); compared in constant time. */
  matches(data: Buffer, sign: Buffer): boolean {
    if (sign.length !== 2 * DIGEST) return false;
    const hex = this.hex(data);
    const expected = this.expected;
    for (let i = 0; i < 2 * DIGEST; i += 1) expected[i] = hex.charCodeAt(i);
    return timingSafeEqual(expected, sign);
  }
}
