// The seeded PRNG of the mock's randomized tests (mulberry32): the same seed gives the same
// sequence on every machine, so a failing case can be replayed. Plain JS, because the Go
// oracle's recorder (go-oracle/record.js) runs under node without a TypeScript loader.

/**
 * A generator of floats in [0, 1) from a 32-bit seed.
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
