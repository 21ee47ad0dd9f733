/**
 * What Go's json.Marshal does to a json.RawMessage (Go 1.19 `compact` with HTML escaping):
 * removes whitespace outside strings, escapes `<` `>` `&` as `\u003c` `\u003e` `\u0026` and
 * U+2028/U+2029 as `\u2028`/`\u2029`. Everything else, number literals included, is kept
 * byte for byte, so `1.0`, `1e3`, `-0` and 23-digit integers survive. Input must be valid JSON
 * (checked by `checkJson`); the loop is iterative and linear.
 */
const MAYBE_CHANGED = /[ \t\r\n<>&\u2028\u2029]/;

export function goCompact(raw: string): string {
  if (!MAYBE_CHANGED.test(raw)) return raw;
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 92) {
        i += 1; // skip the escaped character
        continue;
      }
      if (c === 34) {
        inString = false;
        continue;
      }
      const rep =
        c === 60
          ? '\\u003c'
          : c === 62
            ? '\\u003e'
            : c === 38
              ? '\\u0026'
              : c === 0x2028
                ? '\\u2028'
                : c === 0x2029
                  ? '\\u2029'
                  : undefined;
      if (rep !== undefined) {
        parts.push(raw.slice(start, i), rep);
        start = i + 1;
      }
      continue;
    }
    if (c === 34) {
      inString = true;
    } else if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (start < i) parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts.join('');
}
