/**
 * Go's url.ParseQuery over bytes (Go 1.17+): pairs split on `&`, a pair containing `;` is
 * skipped, `+` is a space, `%XX` a byte, a pair with a bad escape is skipped. Only the first
 * value of each wanted key is kept (what `FormValue` returns). Values stay bytes, because the
 * sign is computed over them exactly.
 */
export type FormValues = Map<string, Buffer>;

/** Where parsed values go: a Map, or the API's two fields. */
export interface FormSink {
  has(name: string): boolean;
  set(name: string, value: Buffer): void;
}

/** The two values the API reads (`data`, `sign`); first value wins, as with a Map. */
export class ApiForm implements FormSink {
  data: Buffer | undefined = undefined;
  sign: Buffer | undefined = undefined;

  has(name: string): boolean {
    return (name === 'data' ? this.data : this.sign) !== undefined;
  }

  set(name: string, value: Buffer): void {
    if (name === 'data') this.data = value;
    else this.sign = value;
  }
}

export const API_FORM_KEYS: readonly string[] = ['data', 'sign'];

const AMP = 0x26;
const SEMI = 0x3b;
const EQ = 0x3d;
const PLUS = 0x2b;
const PCT = 0x25;

/**
 * `inPlace`: `src` is the caller's own copy (a request body), and values are decoded into it
 * instead of into new buffers: unescaping only shortens a value, so it never writes past it.
 */
export function parseQueryInto(into: FormSink, src: Buffer, wanted: readonly string[], inPlace = false): void {
  const n = src.length;
  // The next `;` and `=` at or after the current pair, found with native searches and reused
  // until passed: one pass over the body in all, whatever the number of pairs.
  let nextSemi = src.indexOf(SEMI);
  let nextEq = src.indexOf(EQ);
  let start = 0;
  while (start < n) {
    let end = src.indexOf(AMP, start);
    if (end < 0) end = n;
    if (end > start) {
      if (nextSemi >= 0 && nextSemi < start) nextSemi = src.indexOf(SEMI, start);
      if (nextSemi < 0 || nextSemi >= end) {
        if (nextEq >= 0 && nextEq < start) nextEq = src.indexOf(EQ, start);
        addPair(into, src, start, nextEq >= 0 && nextEq < end ? nextEq : end, end, wanted, inPlace);
      }
    }
    start = end + 1;
  }
}

function addPair(
  into: FormSink,
  src: Buffer,
  start: number,
  eq: number,
  end: number,
  wanted: readonly string[],
  inPlace: boolean,
): void {
  let name: string | undefined;
  if (hasEscape(src, start, eq)) {
    const key = unescape(src, start, eq);
    if (key === undefined) return;
    const decoded = key.toString('utf8');
    name = wanted.includes(decoded) ? decoded : undefined;
  } else {
    // A plain key is its own bytes: compare them with the wanted (ASCII) names, no string made.
    for (const w of wanted) if (asciiEquals(src, start, eq, w)) name = w;
  }
  if (name === undefined || into.has(name)) return;
  const value = eq === end ? Buffer.alloc(0) : inPlace ? unescapeInPlace(src, eq + 1, end) : unescape(src, eq + 1, end);
  if (value !== undefined) into.set(name, value);
}

function asciiEquals(src: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    if (c >= 0x80 || src[start + i] !== c) return false;
  }
  return true;
}

function hasEscape(src: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const c = src[i];
    if (c === PCT || c === PLUS) return true;
  }
  return false;
}

/** Hex digit values by byte, -1 for others. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i += 1) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i += 1) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/** Query-unescapes src[start, end); undefined on a malformed `%` escape. */
export function unescape(src: Buffer, start: number, end: number): Buffer | undefined {
  let first = start;
  while (first < end && src[first] !== PCT && src[first] !== PLUS) first += 1;
  if (first === end) return src.subarray(start, end);
  const out = Buffer.allocUnsafe(end - start);
  src.copy(out, 0, start, first);
  let n = first - start;
  for (let i = first; i < end; i += 1) {
    const c = src[i] as number;
    if (c === PCT) {
      if (i + 2 >= end) return undefined;
      const hi = HEX[src[i + 1] as number] as number;
      const lo = HEX[src[i + 2] as number] as number;
      if ((hi | lo) < 0) return undefined;
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else out[n++] = c === PLUS ? 0x20 : c;
  }
  return out.subarray(0, n);
}

/** `unescape` writing into src[start, end) itself (the write position never passes the read one). */
function unescapeInPlace(src: Buffer, start: number, end: number): Buffer | undefined {
  let first = start;
  while (first < end && src[first] !== PCT && src[first] !== PLUS) first += 1;
  if (first === end) return src.subarray(start, end);
  let n = first;
  for (let i = first; i < end; i += 1) {
    const c = src[i] as number;
    if (c === PCT) {
      if (i + 2 >= end) return undefined;
      const hi = HEX[src[i + 1] as number] as number;
      const lo = HEX[src[i + 2] as number] as number;
      if ((hi | lo) < 0) return undefined;
      src[n++] = (hi << 4) | lo;
      i += 2;
    } else src[n++] = c === PLUS ? 0x20 : c;
  }
  return src.subarray(start, n);
}
