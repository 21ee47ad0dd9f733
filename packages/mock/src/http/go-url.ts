/**
 * Go's net/url path escaping and net/http's path cleaning and redirect escaping, over byte
 * strings (one char per byte, as Node gives a request target): what a Go server does to a path
 * before routing it and when writing a `Location`.
 */

/** Hex digit values by char code, -1 for others. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i += 1) HEX_VALUE[0x30 + i] = i;
for (let i = 0; i < 6; i += 1) {
  HEX_VALUE[0x41 + i] = 10 + i;
  HEX_VALUE[0x61 + i] = 10 + i;
}

function hexValue(c: number): number {
  return c < 128 ? (HEX_VALUE[c] as number) : -1;
}

/** url.PathUnescape: `%XX` to a byte (`+` stays); undefined on a malformed escape (Go's EscapeError). */
export function unescapePath(p: string): string | undefined {
  if (!p.includes('%')) return p;
  let out = '';
  let start = 0;
  for (let i = 0; i < p.length; i += 1) {
    if (p.charCodeAt(i) !== 0x25) continue;
    const hi = hexValue(p.charCodeAt(i + 1));
    const lo = hexValue(p.charCodeAt(i + 2));
    if (hi < 0 || lo < 0 || i + 2 >= p.length) return undefined;
    out += p.slice(start, i) + String.fromCharCode((hi << 4) | lo);
    i += 2;
    start = i + 1;
  }
  return out + p.slice(start);
}

/** Bytes a path keeps as they are (`shouldEscape(c, encodePath)` is false): unreserved, and `$&+,/:;=@`. */
const PATH_SAFE = /^[A-Za-z0-9\-_.~$&+,/:;=@]*$/;
const UPPER_HEX = '0123456789ABCDEF';

/** url.URL{Path: p}.EscapedPath(): every other byte as `%XX` (upper-case hex). */
export function escapePath(p: string): string {
  if (PATH_SAFE.test(p)) return p;
  let out = '';
  for (let i = 0; i < p.length; i += 1) {
    const ch = p[i] as string;
    if (PATH_SAFE.test(ch)) out += ch;
    else {
      const c = p.charCodeAt(i) & 0xff;
      out += `%${UPPER_HEX[c >> 4]}${UPPER_HEX[c & 15]}`;
    }
  }
  return out;
}

/** net/http's hexEscapeNonASCII, for `Location`: bytes ≥ 0x80 as `%xx` (lower-case hex, as strconv writes it). */
export function hexEscapeNonAscii(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    out += c >= 0x80 ? `%${c.toString(16)}` : (s[i] as string);
  }
  return out;
}

/** Whether `cleanPath` could change `p`. */
export function needsCleaning(p: string): boolean {
  return (
    !p.startsWith('/') ||
    p.includes('//') ||
    p.includes('/./') ||
    p.includes('/../') ||
    p.endsWith('/.') ||
    p.endsWith('/..')
  );
}

/** net/http's cleanPath: path.Clean of the rooted path, keeping a trailing slash. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  let clean = `/${out.join('/')}`;
  if (p.endsWith('/') && clean !== '/') clean += '/';
  return clean;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** net/http's htmlEscape (the redirect page). */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}
