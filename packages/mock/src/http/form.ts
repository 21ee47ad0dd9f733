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

export function parseQueryInto(into: FormSink, src: Buffer, wanted: readonly string[]): void {
  const n = src.length;
  let start = 0;
  while (start < n) {
    // One pass over the pair: its end, its first `=`, whether it has `;` or escapes in the key.
    let end = start;
    let eq = -1;
    let semi = false;
    let keyEscaped = false;
    for (; end < n; end += 1) {
      const c = src[end];
      if (c === AMP) break;
      if (c === SEMI) semi = true;
      else if (eq < 0) {
        if (c === EQ) eq = end;
        else if (c === PCT || c === PLUS) keyEscaped = true;
      }
    }
    if (end > start && !semi) addPair(into, src, start, eq < 0 ? end : eq, end, keyEscaped, wanted);
    start = end + 1;
  }
}

function addPair(into: FormSink, src: Buffer, start: number, eq: number, end: number, keyEscaped: boolean, wanted: readonly string[]): void {
  let name: string | undefined;
  if (keyEscaped) {
    const key = unescape(src, start, eq);
    if (key === undefined) return;
    const decoded = key.toString('utf8');
    name = wanted.includes(decoded) ? decoded : undefined;
  } else {
    // A plain key is its own bytes: compare them with the wanted (ASCII) names, no string made.
    for (const w of wanted) if (asciiEquals(src, start, eq, w)) name = w;
  }
  if (name === undefined || into.has(name)) return;
  const value = eq === end ? Buffer.alloc(0) : unescape(src, eq + 1, end);
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
