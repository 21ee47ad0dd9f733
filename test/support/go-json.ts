/**
 * Just enough of Go's `encoding/json` to see a Centrifugo 1.x command the way the server sees it.
 *
 * `JSON.parse` loses what matters here: it keeps only the last of duplicate keys, at the position
 * of the first, and it knows nothing of Go's struct decoding. So the data is read into an ordered
 * tree (`GoValue`: objects keep every key/value pair in document order) and then decoded into a
 * "struct" described by a field list, with Go's rules:
 *
 * - an object key selects the field whose JSON name equals it exactly, or else equals it
 *   case-insensitively (Go folds ASCII case, plus `ſ` ~ `s` and the Kelvin sign `K` ~ `k`);
 *   keys matching no field are ignored (we keep them, so that schemas are seen to accept them);
 * - the pairs are applied in document order, so of several keys that reach one field the last wins;
 * - JSON `null` into a string field does nothing (the field keeps what it had); into a slice or
 *   raw field it stores nil/`null`;
 * - a value of the wrong JSON type for a field is an error that decoding remembers while it goes
 *   on, so the whole decode fails even if a later duplicate key would have been fine. We keep the
 *   first wrong value in the field, so that the schema rejects it as the server does.
 */

/** A JSON value with objects kept as ordered pairs (duplicates included). */
export type GoValue = null | boolean | number | string | GoValue[] | GoObject | GoNumber;
export interface GoObject {
  readonly kind: 'object';
  readonly entries: ReadonlyArray<readonly [string, GoValue]>;
}
/** A number with its literal text (`parseGoJson(text, { numbers: 'literal' })`): Go decodes `1.0` into a float, never into an integer field. */
export interface GoNumber {
  readonly kind: 'number';
  readonly text: string;
}

export class GoJsonSyntaxError extends Error {}

export function isGoObject(v: GoValue): v is GoObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'object';
}

export function isGoNumber(v: GoValue): v is GoNumber {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'number';
}

/**
 * Parses strict RFC 8259 JSON (what Go's decoder accepts), keeping object pairs in order; with
 * `numbers: 'literal'`, numbers as their literal text (GoNumber).
 */
export function parseGoJson(text: string, options: { readonly numbers?: 'literal' } = {}): GoValue {
  let i = 0;
  const n = text.length;
  const fail = (what: string): never => {
    throw new GoJsonSyntaxError(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const str = (): string => {
    // text[i] === '"'
    i++;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      const e = text[i + 1];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          fail('bad escape');
      }
      i += 2;
      run = i;
    }
  };
  const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): GoValue => {
    ws();
    if (i >= n) fail('unexpected end of input');
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: (readonly [string, GoValue])[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected object key');
        const key = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        entries.push([key, value()]);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries };
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: GoValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return items;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (m === null) fail('unexpected character');
    const literal = (m as RegExpExecArray)[0];
    i += literal.length;
    return options.numbers === 'literal' ? { kind: 'number', text: literal } : Number(literal);
  };
  const v = value();
  ws();
  if (i !== n) fail('trailing data');
  return v;
}

/** The plain JS value (what JSON.parse would give: the last duplicate key wins). */
export function toPlain(v: GoValue): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (isGoNumber(v)) return Number(v.text);
  if (isGoObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v.entries) setOwn(out, k, toPlain(val));
    return out;
  }
  return v;
}

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  // defineProperty, so that a key such as "__proto__" stays an ordinary key
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * How Go decodes into a field: `string` (a Go string), `stringSlice` (a `[]string`) or `raw`
 * (a `json.RawMessage`-like field that takes any value).
 */
export type GoFieldKind = 'string' | 'stringSlice' | 'raw';

/** The Go field kinds of a struct, derived from the `properties` of its wire schema. */
export function fieldKindsOf(schema: unknown): Map<string, GoFieldKind> {
  const out = new Map<string, GoFieldKind>();
  const props = (schema as { properties?: Record<string, { type?: unknown }> } | null)?.properties ?? {};
  for (const [name, sub] of Object.entries(props)) {
    const types = sub.type === undefined ? [] : ([] as unknown[]).concat(sub.type);
    out.set(name, types.includes('string') ? 'string' : types.includes('array') ? 'stringSlice' : 'raw');
  }
  return out;
}

/** Go's case folding of a JSON key against an (ASCII) field name. */
export function foldKey(s: string): string {
  return s.replace(/\u017f/g, 's').replace(/\u212a/g, 'k').toLowerCase();
}

function fitsKind(kind: GoFieldKind, v: GoValue): boolean {
  if (kind === 'raw' || v === null) return true;
  if (kind === 'string') return typeof v === 'string';
  return Array.isArray(v) && v.every((x) => x === null || typeof x === 'string');
}

/**
 * Decodes a JSON value into a struct with the given fields, as `json.Unmarshal` would, and
 * returns the equivalent plain JSON value: one canonical key per field that was set, unknown keys
 * as they were (last wins). A non-object is returned as is (`null` stays `null`): whether the
 * struct accepts it is the schema's business.
 */
export function decodeGoStruct(v: GoValue, fields: ReadonlyMap<string, GoFieldKind>): unknown {
  if (!isGoObject(v)) return toPlain(v);
  const byFold = new Map<string, string>();
  for (const name of fields.keys()) if (!byFold.has(foldKey(name))) byFold.set(foldKey(name), name);
  const out: Record<string, unknown> = {};
  const poisoned = new Set<string>();
  for (const [key, val] of v.entries) {
    const field = fields.has(key) ? key : byFold.get(foldKey(key));
    if (field === undefined) {
      setOwn(out, key, toPlain(val));
      continue;
    }
    const kind = fields.get(field) as GoFieldKind;
    if (poisoned.has(field)) continue;
    if (!fitsKind(kind, val)) {
      poisoned.add(field);
      setOwn(out, field, toPlain(val));
      continue;
    }
    if (kind === 'string' && val === null) {
      // null into a Go string is a no-op: keep an earlier value, else show the null itself
      if (!Object.prototype.hasOwnProperty.call(out, field)) setOwn(out, field, null);
      continue;
    }
    setOwn(out, field, toPlain(val));
  }
  return out;
}

/**
 * The value a raw (`json.RawMessage`-like) field of a struct ends up with: the last pair whose key
 * selects that field (same key matching as `decodeGoStruct`), or undefined when no key does.
 */
export function rawGoField(v: GoValue, field: string, fields: ReadonlyMap<string, GoFieldKind>): GoValue | undefined {
  if (!isGoObject(v)) return undefined;
  const fold = foldKey(field);
  let found: GoValue | undefined;
  for (const [key, val] of v.entries) {
    const exact = fields.has(key) ? key : undefined;
    const selected = exact ?? (foldKey(key) === fold ? field : undefined);
    if (selected === field) found = val;
  }
  return found;
}
