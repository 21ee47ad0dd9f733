/**
 * Decodes a JSON string literal (already syntax-checked) as Go's encoding/json does: escapes
 * resolved, a `\u` surrogate that does not form a valid pair becomes U+FFFD.
 */
export function unquote(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  if (!mayNeedWork(text, start + 1, end - 1)) return inner;
  let out = '';
  let i = 0;
  while (i < inner.length) {
    const c = inner.charCodeAt(i);
    if (c !== 92) {
      const next = inner.indexOf('\\', i);
      const stop = next < 0 ? inner.length : next;
      out += fixSurrogates(inner.slice(i, stop));
      i = stop;
      continue;
    }
    const e = inner[i + 1];
    if (e === 'u') {
      const unit = parseInt(inner.slice(i + 2, i + 6), 16);
      if (unit >= 0xd800 && unit < 0xdc00 && inner[i + 6] === '\\' && inner[i + 7] === 'u') {
        const low = parseInt(inner.slice(i + 8, i + 12), 16);
        if (low >= 0xdc00 && low < 0xe000) {
          out += String.fromCharCode(unit, low);
          i += 12;
          continue;
        }
      }
      out += unit >= 0xd800 && unit < 0xe000 ? '\ufffd' : String.fromCharCode(unit);
      i += 6;
      continue;
    }
    out += ESCAPES[e ?? ''] ?? '';
    i += 2;
  }
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A backslash or any surrogate in text[from, to): a plain loop, cheaper than two searches. */
function mayNeedWork(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 92 || (c >= 0xd800 && c < 0xe000)) return true;
  }
  return false;
}

function hasLoneSurrogate(s: string): boolean {
  return LONE.test(s);
}

function fixSurrogates(s: string): string {
  return hasLoneSurrogate(s) ? s.replace(new RegExp(LONE.source, 'g'), '\ufffd') : s;
}
