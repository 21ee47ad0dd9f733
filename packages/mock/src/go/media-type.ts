/**
 * Go's mime.ParseMediaType over byte strings (header values as Node gives them): the lower-cased
 * `type/subtype` (or a lone token, as in `form-data`), `; key=value` parameters with token or
 * quoted-string values (a backslash escapes only a tspecial; before anything else it is kept,
 * as Go reads MSIE's file paths), equal duplicates allowed, and RFC 2231 parameters:
 * `key*=charset'lang'%XX` and continuations `key*0=`, `key*1*=`... A bad parameter keeps the
 * type but drops the parameters (`ErrInvalidMediaParameter`); a bad type or differing
 * duplicates fail.
 */
import { toLowerAscii, trimLeftSpace, trimSpace } from './strings.js';

export interface MediaType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
  /** True when a parameter could not be parsed (Go returns the type with an error). */
  readonly invalidParams: boolean;
}

const TSPECIALS = '()<>@,;:\\"/[]?=';

function isTokenChar(code: number): boolean {
  return code > 0x20 && code < 0x7f && !TSPECIALS.includes(String.fromCharCode(code));
}

function consumeToken(s: string): [string, string] {
  let i = 0;
  while (i < s.length && isTokenChar(s.charCodeAt(i))) i += 1;
  return [s.slice(0, i), s.slice(i)];
}

/**
 * `parseMediaType` remembering its last answer: a server's clients send the same Content-Type on
 * every request (answers are never mutated). One per server, made with it.
 */
export class MediaTypeMemo {
  private lastValue: string | undefined;
  private lastResult: MediaType | undefined;

  readonly parse = (value: string): MediaType | undefined => {
    if (value !== this.lastValue) {
      this.lastResult = parseMediaType(value);
      this.lastValue = value;
    }
    return this.lastResult;
  };
}

export function parseMediaType(value: string): MediaType | undefined {
  const semi = value.indexOf(';');
  const base = semi < 0 ? value : value.slice(0, semi);
  const type = trimSpace(toLowerAscii(base));
  if (!isMediaType(type)) return undefined;
  const params = new Map<string, string>();
  /** Parameters with a `*`, by base name: `name*`, `name*0`, `name*1*`... */
  const continuations = new Map<string, Map<string, string>>();
  let v = value.slice(base.length);
  while (v.length > 0) {
    v = trimLeftSpace(v);
    if (v === '') break;
    const p = consumeParam(v);
    if (p === undefined) {
      if (trimSpace(v) === ';') break; // a trailing semicolon is fine
      return { type, params: new Map(), invalidParams: true };
    }
    const star = p.key.indexOf('*');
    let into = params;
    if (star >= 0) {
      const name = p.key.slice(0, star);
      into = continuations.get(name) ?? new Map<string, string>();
      continuations.set(name, into);
    }
    const seen = into.get(p.key);
    if (seen !== undefined && seen !== p.value) return undefined;
    into.set(p.key, p.value);
    v = p.rest;
  }
  for (const [name, pieces] of continuations) stitch(params, name, pieces);
  return { type, params, invalidParams: false };
}

/** checkMediaTypeDisposition: a token, or token/token. */
function isMediaType(s: string): boolean {
  const [typ, rest] = consumeToken(s);
  if (typ === '') return false;
  if (rest === '') return true;
  if (!rest.startsWith('/')) return false;
  const [sub, tail] = consumeToken(rest.slice(1));
  return sub !== '' && tail === '';
}

/** RFC 2231: `name*` (one encoded value) or `name*0`, `name*1*`... in order until one is missing. */
function stitch(params: Map<string, string>, name: string, pieces: ReadonlyMap<string, string>): void {
  const single = pieces.get(`${name}*`);
  if (single !== undefined) {
    const decoded = decode2231(single);
    if (decoded !== undefined) params.set(name, decoded);
    return;
  }
  let value = '';
  let valid = false;
  for (let n = 0; ; n += 1) {
    const plain = pieces.get(`${name}*${n}`);
    if (plain !== undefined) {
      valid = true;
      value += plain;
      continue;
    }
    const encoded = pieces.get(`${name}*${n}*`);
    if (encoded === undefined) break;
    valid = true;
    value += (n === 0 ? decode2231(encoded) : percentUnescape(encoded)) ?? '';
  }
  if (valid) params.set(name, value);
}

/** `charset'language'value`, charset us-ascii or utf-8 (any case); the value percent-decoded. */
function decode2231(v: string): string | undefined {
  const q1 = v.indexOf("'");
  if (q1 < 0) return undefined;
  const q2 = v.indexOf("'", q1 + 1);
  if (q2 < 0) return undefined;
  const charset = toLowerAscii(v.slice(0, q1));
  if (charset !== 'us-ascii' && charset !== 'utf-8') return undefined;
  return percentUnescape(v.slice(q2 + 1));
}

function percentUnescape(s: string): string | undefined {
  if (!s.includes('%')) return s;
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return undefined;
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function consumeParam(v: string): { key: string; value: string; rest: string } | undefined {
  let rest = trimLeftSpace(v);
  if (!rest.startsWith(';')) return undefined;
  rest = trimLeftSpace(rest.slice(1));
  const [key, afterKey] = consumeToken(rest);
  if (key === '') return undefined;
  rest = trimLeftSpace(afterKey);
  if (!rest.startsWith('=')) return undefined;
  rest = trimLeftSpace(rest.slice(1));
  const value = consumeValue(rest);
  if (value === undefined) return undefined;
  return { key: toLowerAscii(key), value: value[0], rest: value[1] };
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
    if (c === '\\' && i + 1 < v.length && TSPECIALS.includes(v[i + 1] as string)) {
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
