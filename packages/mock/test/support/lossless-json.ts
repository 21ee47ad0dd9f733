/**
 * A small JSON parser for comparing replies: keeps key order and number literals exactly, so
 * `1.0` vs `1` or a 23-digit integer is a real difference. Test data only (recursive).
 */
export type JNode =
  | { readonly t: 'obj'; entries: [string, JNode][] }
  | { readonly t: 'arr'; items: JNode[] }
  | { readonly t: 'num'; readonly raw: string }
  | { readonly t: 'str'; readonly v: string; readonly raw: string }
  | { readonly t: 'lit'; readonly v: 'true' | 'false' | 'null' }
  | { readonly t: 'masked'; readonly label: string };

export function parseLossless(text: string): JNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const value = (): JNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      const entries: [string, JNode][] = [];
      ws();
      if (text[i] === '}') return ((i += 1), { t: 'obj', entries });
      for (;;) {
        ws();
        const k = value();
        if (k.t !== 'str') throw new Error(`key expected at ${i}`);
        ws();
        if (text[i++] !== ':') throw new Error(`colon expected at ${i}`);
        entries.push([k.v, value()]);
        ws();
        const d = text[i++];
        if (d === '}') return { t: 'obj', entries };
        if (d !== ',') throw new Error(`comma expected at ${i}`);
      }
    }
    if (c === '[') {
      i += 1;
      const items: JNode[] = [];
      ws();
      if (text[i] === ']') return ((i += 1), { t: 'arr', items });
      for (;;) {
        items.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return { t: 'arr', items };
        if (d !== ',') throw new Error(`comma expected at ${i}`);
      }
    }
    if (c === '"') {
      const start = i;
      i += 1;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i += 1;
      // Keep the raw literal too: escaping differences (\u003c vs <) are real differences.
      return { t: 'str', v: JSON.parse(text.slice(start, i)) as string, raw: text.slice(start, i) };
    }
    for (const lit of ['true', 'false', 'null'] as const) {
      if (text.startsWith(lit, i)) return ((i += lit.length), { t: 'lit', v: lit });
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw new Error(`value expected at ${i}`);
    i += m[0].length;
    return { t: 'num', raw: m[0] };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing data at ${i}`);
  return v;
}

/** Canonical text: key order kept, strings in their raw form, masked values as <label>. */
export function render(n: JNode): string {
  switch (n.t) {
    case 'obj':
      return `{${n.entries.map(([k, v]) => `${JSON.stringify(k)}:${render(v)}`).join(',')}}`;
    case 'arr':
      return `[${n.items.map(render).join(',')}]`;
    case 'num':
      return n.raw;
    case 'str':
      return n.raw;
    case 'lit':
      return n.v;
    case 'masked':
      return `<${n.label}>`;
  }
}
