/**
 * Decodes a JSON object into a fixed set of fields the way Go's encoding/json fills a struct:
 * keys match field names case-insensitively (with Go's Kelvin-sign and long-s folding), the
 * last duplicate wins, unknown keys are ignored, `null` leaves a string field untouched, a
 * wrong type is an error, and a `null` object decodes to the zero struct.
 * Input must already be valid JSON (`checkJson`).
 */
import { unquote } from './unquote.js';
import { forEachElement, forEachMember } from './walk.js';

/** `string`: Go string. `raw`: json.RawMessage (text as received). `strings`: []string. */
export type FieldKind = 'string' | 'raw' | 'strings';
export type StructSpec = Readonly<Record<string, FieldKind>>;

type FieldValue<K extends FieldKind> = K extends 'string' ? string : K extends 'raw' ? string | undefined : string[];
export type Decoded<S extends StructSpec> = { -readonly [F in keyof S]: FieldValue<S[F]> };

export type StructResult<S extends StructSpec> =
  | { readonly ok: true; readonly value: Decoded<S> }
  | { readonly ok: false; readonly path: string; readonly message: string };

export function decodeStruct<S extends StructSpec>(text: string, start: number, end: number, spec: S): StructResult<S> {
  const value = {} as Record<string, string | string[] | undefined>;
  for (const field in spec) {
    const kind = spec[field];
    value[field] = kind === 'string' ? '' : kind === 'raw' ? undefined : [];
  }
  const first = text.charCodeAt(start);
  if (first === 110 /* null */) return { ok: true, value: value as Decoded<S> };
  if (first !== 123) return { ok: false, path: '', message: `must be an object (got ${jsonType(first)})` };
  let problem: { path: string; message: string } | undefined;
  forEachMember(text, start, (m) => {
    if (problem) return;
    const field = matchField(unquote(text, m.keyStart, m.keyEnd), spec);
    if (field === undefined) return;
    const kind = spec[field];
    const c = text.charCodeAt(m.valueStart);
    if (kind === 'raw') {
      value[field] = text.slice(m.valueStart, m.valueEnd);
    } else if (kind === 'string') {
      if (c === 34) value[field] = unquote(text, m.valueStart, m.valueEnd);
      else if (c !== 110) problem = { path: `/${field}`, message: `must be a string (got ${jsonType(c)})` };
    } else if (c === 110) {
      value[field] = [];
    } else if (c !== 91) {
      problem = { path: `/${field}`, message: `must be an array of strings (got ${jsonType(c)})` };
    } else {
      const items: string[] = [];
      forEachElement(text, m.valueStart, (s, e) => {
        if (problem) return;
        const d = text.charCodeAt(s);
        if (d === 34) items.push(unquote(text, s, e));
        else if (d === 110) items.push('');
        else problem = { path: `/${field}/${items.length}`, message: `must be a string (got ${jsonType(d)})` };
      });
      value[field] = items;
    }
  });
  if (problem) return { ok: false, ...problem };
  return { ok: true, value: value as Decoded<S> };
}

function matchField(key: string, spec: StructSpec): string | undefined {
  if (Object.hasOwn(spec, key)) return key;
  const folded = fold(key);
  return Object.hasOwn(spec, folded) ? folded : undefined;
}

/** Go's case folding for matching keys to (lower-case ASCII) field names. */
export function fold(key: string): string {
  let out = key.toLowerCase();
  if (/[\u212a\u017f]/.test(key)) out = out.replace(/\u212a/g, 'k').replace(/\u017f/g, 's');
  return out;
}

export function jsonType(firstChar: number): string {
  switch (firstChar) {
    case 123:
      return 'object';
    case 91:
      return 'array';
    case 34:
      return 'string';
    case 116:
    case 102:
      return 'boolean';
    case 110:
      return 'null';
    default:
      return 'number';
  }
}
