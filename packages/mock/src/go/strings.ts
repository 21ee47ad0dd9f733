/**
 * Go's strings.TrimSpace / TrimLeftFunc(unicode.IsSpace) over byte strings: ASCII white space
 * and the Unicode spaces of valid UTF-8 are trimmed, an invalid byte is not (so a header value
 * ending in the lone byte 0xA0 keeps it, where JavaScript's `trim` would take U+00A0 away).
 */
import { decodeLastRune, decodeRune } from './utf8.js';

/** unicode.IsSpace. */
export function isGoSpace(rune: number): boolean {
  if (rune <= 0xff) return rune === 0x20 || (rune >= 0x09 && rune <= 0x0d) || rune === 0x85 || rune === 0xa0;
  return (
    rune === 0x1680 ||
    (rune >= 0x2000 && rune <= 0x200a) ||
    rune === 0x2028 ||
    rune === 0x2029 ||
    rune === 0x202f ||
    rune === 0x205f ||
    rune === 0x3000
  );
}

export function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length) {
    const r = decodeRune(s, i);
    if (!isGoSpace(r.rune)) break;
    i += r.size;
  }
  return i === 0 ? s : s.slice(i);
}

export function trimSpace(s: string): string {
  const left = trimLeftSpace(s);
  let end = left.length;
  while (end > 0) {
    const r = decodeLastRune(left, end);
    if (!isGoSpace(r.rune)) break;
    end -= r.size;
  }
  return end === left.length ? left : left.slice(0, end);
}

/** strings.ToLower for what matters here: ASCII letters (other bytes are never token characters). */
export function toLowerAscii(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}
