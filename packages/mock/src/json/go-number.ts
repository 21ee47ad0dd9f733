/**
 * A JSON number literal stored into a Go integer field, as encoding/json does it: the literal
 * must parse with strconv.ParseInt (signed kinds) or strconv.ParseUint (unsigned kinds: no sign
 * at all, so `-0` fails too) in base 10, then fit the field's size. `1.0`, `1e2` and any
 * out-of-range value fail the whole decode. 32-bit values come back as numbers, 64-bit ones as
 * bigints (exact to the last digit).
 */
export type GoIntKind = 'int32' | 'int64' | 'uint32' | 'uint64';

const RANGES: Readonly<Record<GoIntKind, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** Why the literal does not fit, or undefined. */
export function goIntProblem(literal: string, kind: GoIntKind): string | undefined {
  const unsigned = kind === 'uint32' || kind === 'uint64';
  if (!(unsigned ? /^\d+$/ : /^-?\d+$/).test(literal))
    return `cannot unmarshal number ${literal} into Go value of type ${kind}`;
  if (literal.length <= 9) return undefined; // |n| < 1e9 fits every kind (sign already checked)
  const n = BigInt(literal);
  const [min, max] = RANGES[kind];
  return n < min || n > max ? `cannot unmarshal number ${literal} into Go value of type ${kind}` : undefined;
}

/** The value of a literal `goIntProblem` accepted, for a 32-bit kind. */
export function goInt32(literal: string): number {
  return Number(literal) + 0; // `-0` is 0
}

/** The value of a literal `goIntProblem` accepted, for a 64-bit kind. */
export function goInt64(literal: string): bigint {
  return BigInt(literal);
}
