/**
 * Go's `mime.ParseMediaType`, as far as form parsing needs it: lower-cased `type/subtype`
 * (or a lone token, as in `form-data`), `; key=value` parameters with token or quoted-string
 * values. A bad parameter keeps the type but drops the parameters (`ErrInvalidMediaParameter`);
 * a bad type or a duplicate parameter is a failure.
 */
export interface MediaType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
  /** True when a parameter could not be parsed (Go returns the type with an error). */
  readonly invalidParams: boolean;
}

const TSPECIALS = '()<>@,;:\\"/[]?=';

function isTokenChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !TSPECIALS.includes(c);
}

function consumeToken(s: string): [string, string] {
  let i = 0;
  while (i < s.length && isTokenChar(s[i] as string)) i += 1;
  return [s.slice(0, i), s.slice(i)];
}

let lastValue: string | undefined;
let lastResult: MediaType | undefined;

/**
 * `parseMediaType` for a request's Content-Type. Clients send the same header on every request,
 * so the last answer is kept (results are never mutated).
 */
export function requestMediaType(value: string): MediaType | undefined {
  if (value !== lastValue) {
    lastResult = parseMediaType(value);
    lastValue = value;
  }
  return lastResult;
}

export function parseMediaType(value: string): MediaType | undefined {
  const semi = value.indexOf(';');
  const base = (semi < 0 ? value : value.slice(0, semi)).toLowerCase().trim();
  const [typ, rest] = consumeToken(base);
  if (typ === '') return undefined;
  if (rest !== '') {
    if (!rest.startsWith('/')) return undefined;
    const [sub, tail] = consumeToken(rest.slice(1));
    if (sub === '' || tail !== '') return undefined;
  }
  const params = new Map<string, string>();
  let v = semi < 0 ? '' : value.slice(semi);
  while (v.length > 0) {
    v = v.replace(/^\s+/, '');
    if (v === '') break;
    const p = consumeParam(v);
    if (p === undefined) {
      if (v.trim() === ';') break;
      return { type: base, params: new Map(), invalidParams: true };
    }
    if (params.has(p.key)) return undefined;
    params.set(p.key, p.value);
    v = p.rest;
  }
  return { type: base, params, invalidParams: false };
}

function consumeParam(v: string): { key: string; value: string; rest: string } | undefined {
  let rest = v.replace(/^\s+/, '');
  if (!rest.startsWith(';')) return undefined;
  rest = rest.slice(1).replace(/^\s+/, '');
  const [key, afterKey] = consumeToken(rest);
  if (key === '') return undefined;
  rest = afterKey.replace(/^\s+/, '');
  if (!rest.startsWith('=')) return undefined;
  rest = rest.slice(1).replace(/^\s+/, '');
  const value = consumeValue(rest);
  if (value === undefined) return undefined;
  return { key: key.toLowerCase(), value: value[0], rest: value[1] };
}

function consumeValue(v: string): [string, string] | undefined {
  if (!v.startsWith('"')) {
    const [tok, rest] = consumeToken(v);
    return tok === '' ? undefined : [tok, rest];
  }
  let out = '';
  for (let i = 1; i < v.length; i += 1) {
    const c = v[i] as string;
    if (c === '"') return [out, v.slice(i + 1)];
    if (c === '\\' && i + 1 < v.length) {
      i += 1;
      out += v[i];
    } else if (c === '\r' || c === '\n') {
      return undefined;
    } else {
      out += c;
    }
  }
  return undefined;
}
