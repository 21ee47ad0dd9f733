/**
 * Go's unicode/utf8 decoding over byte strings (one char per byte): a rune and its width, and
 * `RuneError` with width 1 for each byte that does not start a valid sequence. So a truncated
 * 3-byte sequence is two errors in Go, where a WHATWG decoder (Node's) makes one U+FFFD.
 */
import { isUtf8 } from 'node:buffer';

export const RUNE_ERROR = 0xfffd;

/** The rune starting at `i` and its width in bytes. `i` must be inside `s`. */
export function decodeRune(s: string, i: number): { readonly rune: number; readonly size: number } {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return { rune: b0, size: 1 };
  let size: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) size = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    if (b0 === 0xe0) lo = 0xa0;
    else if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    if (b0 === 0xf0) lo = 0x90;
    else if (b0 === 0xf4) hi = 0x8f;
  } else return ERROR;
  if (i + size > s.length) return ERROR;
  const b1 = s.charCodeAt(i + 1);
  if (b1 < lo || b1 > hi) return ERROR;
  let rune = b1 & 0x3f;
  for (let k = 2; k < size; k += 1) {
    const b = s.charCodeAt(i + k);
    if (b < 0x80 || b > 0xbf) return ERROR;
    rune = (rune << 6) | (b & 0x3f);
  }
  const lead = size === 2 ? b0 & 0x1f : size === 3 ? b0 & 0x0f : b0 & 0x07;
  return { rune: (lead << (6 * (size - 1))) | rune, size };
}

const ERROR = { rune: RUNE_ERROR, size: 1 } as const;

/** The rune ending just before `end` and its width (utf8.DecodeLastRune). */
export function decodeLastRune(s: string, end: number): { readonly rune: number; readonly size: number } {
  // A rune is at most 4 bytes: try the starts from nearest to farthest, as Go does.
  const limit = Math.max(0, end - 4);
  let start = end - 1;
  while (start > limit && (s.charCodeAt(start) & 0xc0) === 0x80) start -= 1;
  const r = decodeRune(s, start);
  return start + r.size === end ? r : ERROR;
}

/**
 * A byte string decoded the way Go turns bytes into runes: each invalid byte becomes U+FFFD
 * (json.Unmarshal into a Go string, `for range`, Map). Valid input is a plain UTF-8 decode.
 */
export function decodeGoUtf8(s: string): string {
  if (!/[\x80-\xff]/.test(s)) return s;
  const bytes = Buffer.from(s, 'latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length;) {
    const r = decodeRune(s, i);
    if (r.size === 1 && r.rune === RUNE_ERROR) {
      out += `${bytes.toString('utf8', start, i)}\ufffd`;
      start = i + 1;
    }
    i += r.size;
  }
  return out + bytes.toString('utf8', start);
}
