/**
 * Go's url.ParseQuery over bytes (Go 1.17+): pairs split on `&`, a pair containing `;` is
 * skipped, `+` is a space, `%XX` a byte, a pair with a bad escape is skipped. Only the first
 * value of each wanted key is kept (what `FormValue` returns). Values stay bytes, because the
 * sign is computed over them exactly.
 */
export type FormValues = Map<string, Buffer>;

const AMP = 0x26;
const SEMI = 0x3b;
const EQ = 0x3d;
const PLUS = 0x2b;
const PCT = 0x25;

export function parseQueryInto(into: FormValues, src: Buffer, wanted: readonly string[]): void {
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf(AMP, start);
    if (end < 0) end = src.length;
    if (end > start) addPair(into, src, start, end, wanted);
    start = end + 1;
  }
}

function addPair(into: FormValues, src: Buffer, start: number, end: number, wanted: readonly string[]): void {
  const semi = src.indexOf(SEMI, start);
  if (semi >= 0 && semi < end) return;
  let eq = src.indexOf(EQ, start);
  if (eq < 0 || eq > end) eq = end;
  const key = unescape(src, start, eq);
  if (key === undefined) return;
  const name = key.toString('utf8');
  if (!wanted.includes(name) || into.has(name)) return;
  const value = eq === end ? Buffer.alloc(0) : unescape(src, eq + 1, end);
  if (value !== undefined) into.set(name, value);
}

/** Query-unescapes src[start, end); undefined on a malformed `%` escape. */
export function unescape(src: Buffer, start: number, end: number): Buffer | undefined {
  let plain = true;
  for (let i = start; i < end; i += 1) {
    const c = src[i];
    if (c === PCT || c === PLUS) {
      plain = false;
      break;
    }
  }
  if (plain) return src.subarray(start, end);
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  for (let i = start; i < end; i += 1) {
    const c = src[i] as number;
    if (c === PLUS) out[n++] = 0x20;
    else if (c === PCT) {
      const hi = hexValue(src[i + 1]);
      const lo = hexValue(src[i + 2]);
      if (i + 2 >= end || hi < 0 || lo < 0) return undefined;
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
