/**
 * Encodes a string as Go 1.19's json.Marshal does (HTML-safe): `"` and `\` escaped, `\n` `\r`
 * `\t` short escapes, other control characters as `\u00XX` (including \b and \f, which Go
 * only shortened in 1.22), `<` `>` `&` as `\u003c` `\u003e` `\u0026`, U+2028/U+2029 escaped,
 * and a lone surrogate (invalid UTF-8 in Go) as `\ufffd`.
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;
const HEX = '0123456789abcdef';

export function goQuote(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 34) rep = '\\"';
    else if (c === 92) rep = '\\\\';
    else if (c < 0x20)
      rep = c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else if (c === 60) rep = '\\u003c';
    else if (c === 62) rep = '\\u003e';
    else if (c === 38) rep = '\\u0026';
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    else if (c >= 0xd800 && c < 0xdc00) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        i += 1;
        continue;
      }
      rep = '\\ufffd';
    } else if (c >= 0xdc00 && c < 0xe000) rep = '\\ufffd';
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}
