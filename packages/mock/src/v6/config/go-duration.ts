/**
 * Go's time.Duration as Centrifugo's config reads and prints it: `ParseDuration` for strings
 * (`"300s"`, `"1h30m"`, `"1.5s"`, units ns us µs μs ms s m h, a bare `"0"`), a number taken as
 * nanoseconds (so `300` is 300ns), and `Duration.String` (`1000h0m0s`, `1.5s`, `300ns`) for
 * the server's messages. Exact: nanoseconds are bigints.
 */
const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5 micro sign
  μs: 1000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX = 2n ** 63n - 1n;

/** Nanoseconds, or undefined where Go's ParseDuration fails. */
export function parseGoDuration(s: string): bigint | undefined {
  let rest = s;
  let neg = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    neg = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (m === null) return undefined;
    const [whole, int = '', frac, unitName = ''] = m;
    if (int === '' && (frac === undefined || frac === '')) return undefined;
    const unit = UNITS[unitName];
    if (unit === undefined) return undefined;
    let v = BigInt(int || '0') * unit;
    if (frac !== undefined && frac !== '') v += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    total += v;
    if (total > MAX + (neg ? 1n : 0n)) return undefined;
    rest = rest.slice(whole.length);
  }
  return neg ? -total : total;
}

/** `time.Duration.String()`. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, size] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = fraction(u, size) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    const secs = `${fraction(u, 1_000_000_000n)}s`;
    out = h > 0n ? `${h}h${m}m${secs}` : m > 0n ? `${m}m${secs}` : secs;
  }
  return neg ? `-${out}` : out;
}

/** `v / size` with the fraction's trailing zeros dropped, as Go prints it. */
function fraction(v: bigint, size: bigint): string {
  const whole = v / size;
  const rem = v % size;
  if (rem === 0n) return `${whole}`;
  const digits = String(size).length - 1;
  return `${whole}.${String(rem).padStart(digits, '0').replace(/0+$/, '')}`;
}
