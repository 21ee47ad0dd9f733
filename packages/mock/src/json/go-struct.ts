/**
 * Decodes a JSON object into a fixed set of fields the way Go's encoding/json fills a struct:
 * keys match field names case-insensitively (with Go's Kelvin-sign and long-s folding), the
 * last duplicate wins, unknown keys are ignored, `null` leaves a string field untouched, a
 * wrong type is an error, and a `null` object decodes to the zero struct.
 * Input must already be valid JSON (`checkJson`).
 *
 * Hot path: a spec is compiled once (field list, zero value), members are walked in place (no
 * callbacks, no member objects), and a key made of ASCII without escapes is matched against the
 * field names character by character, without making a string for it.
 */
import { unquote } from './unquote.js';
import { skipSpace } from './scan.js';
import { skipString, skipValue } from './walk.js';

/** `string`: Go string. `raw`: json.RawMessage (text as received). `strings`: []string. */
export type FieldKind = 'string' | 'raw' | 'strings';
export type StructSpec = Readonly<Record<string, FieldKind>>;

type FieldValue<K extends FieldKind> = K extends 'string' ? string : K extends 'raw' ? string | undefined : string[];
export type Decoded<S extends StructSpec> = { -readonly [F in keyof S]: FieldValue<S[F]> };

export type StructResult<S extends StructSpec> =
  | { readonly ok: true; readonly value: Decoded<S> }
  | { readonly ok: false; readonly path: string; readonly message: string };

type Value = Record<string, string | string[] | undefined>;

interface Compiled {
  readonly names: readonly string[];
  readonly kinds: readonly FieldKind[];
  /** The zero struct; copied per decode (`strings` fields then get their own array). */
  readonly zero: Readonly<Value>;
  readonly arrayFields: readonly string[];
  /** Every name is printable ASCII without a backslash or quote: raw keys can be compared with them directly. */
  readonly asciiNames: boolean;
}

const compiledSpecs = new WeakMap<StructSpec, Compiled>();
// The last two specs used (a command, then its params, again and again): no map lookup for them.
let recentSpec: StructSpec | undefined;
let recentCompiled: Compiled | undefined;
let olderSpec: StructSpec | undefined;
let olderCompiled: Compiled | undefined;

function compiledFor(spec: StructSpec): Compiled {
  if (spec === recentSpec) return recentCompiled as Compiled;
  let c: Compiled;
  if (spec === olderSpec) c = olderCompiled as Compiled;
  else c = compiledSpecs.get(spec) ?? compile(spec);
  olderSpec = recentSpec;
  olderCompiled = recentCompiled;
  recentSpec = spec;
  recentCompiled = c;
  return c;
}

function compile(spec: StructSpec): Compiled {
  const names: string[] = [];
  const kinds: FieldKind[] = [];
  const zero: Value = {};
  const arrayFields: string[] = [];
  for (const field in spec) {
    const kind = spec[field] as FieldKind;
    names.push(field);
    kinds.push(kind);
    zero[field] = kind === 'string' ? '' : kind === 'raw' ? undefined : [];
    if (kind === 'strings') arrayFields.push(field);
  }
  const compiled: Compiled = { names, kinds, zero, arrayFields, asciiNames: names.every((n) => /^[\x20-\x7e]*$/.test(n) && !/["\\]/.test(n)) };
  compiledSpecs.set(spec, compiled);
  return compiled;
}

let lastEnd = 0;

/**
 * Where the value that the last successful `decodeStruct` call read ends: callers walking an
 * array of objects go on from there instead of walking each object twice.
 */
export function lastStructEnd(): number {
  return lastEnd;
}

export function decodeStruct<S extends StructSpec>(text: string, start: number, _end: number, spec: S): StructResult<S> {
  const c = compiledFor(spec);
  const value: Value = { ...c.zero };
  for (let i = 0; i < c.arrayFields.length; i += 1) value[c.arrayFields[i] as string] = [];
  const first = text.charCodeAt(start);
  if (first === 110 /* null */) {
    lastEnd = start + 4;
    return { ok: true, value: value as Decoded<S> };
  }
  if (first !== 123) return { ok: false, path: '', message: `must be an object (got ${jsonType(first)})` };
  let j = skipSpace(text, start + 1);
  while (text.charCodeAt(j) !== 125 && j < text.length) {
    const keyStart = j;
    const keyEnd = skipString(text, j);
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    const f = fieldIndex(c, spec, text, keyStart, keyEnd);
    if (f >= 0) {
      const field = c.names[f] as string;
      const kind = c.kinds[f];
      const ch = text.charCodeAt(valueStart);
      if (kind === 'raw') {
        value[field] = text.slice(valueStart, valueEnd);
      } else if (kind === 'string') {
        if (ch === 34) value[field] = unquote(text, valueStart, valueEnd);
        else if (ch !== 110) return { ok: false, path: `/${field}`, message: `must be a string (got ${jsonType(ch)})` };
      } else if (ch === 110) {
        value[field] = [];
      } else if (ch !== 91) {
        return { ok: false, path: `/${field}`, message: `must be an array of strings (got ${jsonType(ch)})` };
      } else {
        const items = decodeStrings(text, valueStart);
        if (!Array.isArray(items)) return { ok: false, path: `/${field}/${items.index}`, message: `must be a string (got ${jsonType(items.first)})` };
        value[field] = items;
      }
    }
    j = skipSpace(text, valueEnd);
    if (text.charCodeAt(j) !== 44) break;
    j = skipSpace(text, j + 1);
  }
  // Valid JSON: j is at the closing brace.
  lastEnd = j + 1;
  return { ok: true, value: value as Decoded<S> };
}

/** The strings of the array at i; or where the first element that is not a string (nor null) is. */
function decodeStrings(text: string, i: number): string[] | { readonly index: number; readonly first: number } {
  const items: string[] = [];
  let j = skipSpace(text, i + 1);
  if (text.charCodeAt(j) === 93) return items;
  while (j < text.length) {
    const end = skipValue(text, j);
    const d = text.charCodeAt(j);
    if (d === 34) items.push(unquote(text, j, end));
    else if (d === 110) items.push('');
    else return { index: items.length, first: d };
    j = skipSpace(text, end);
    if (text.charCodeAt(j) !== 44) break;
    j = skipSpace(text, j + 1);
  }
  return items;
}

/** Index of the field the key (raw, with quotes) fills, or -1. */
function fieldIndex(c: Compiled, spec: StructSpec, text: string, keyStart: number, keyEnd: number): number {
  const from = keyStart + 1;
  const length = keyEnd - 1 - from;
  if (c.asciiNames) {
    // Compare the raw key with each name of its length, exactly and ASCII-folded at once. A
    // key that matches is ASCII without escapes, so this is Go's rule (exact name, else the
    // folded one); a key with escapes or other letters never matches here and goes on below.
    const names = c.names;
    let folded = -1;
    for (let f = 0; f < names.length; f += 1) {
      const name = names[f] as string;
      if (name.length !== length) continue;
      let exact = true;
      let fold = true;
      for (let i = 0; i < length && (exact || fold); i += 1) {
        const k = text.charCodeAt(from + i);
        const n = name.charCodeAt(i);
        if (k !== n) exact = false;
        if ((k >= 0x41 && k <= 0x5a ? k + 0x20 : k) !== n) fold = false;
      }
      if (exact) return f;
      if (fold && folded < 0) folded = f;
    }
    if (folded >= 0) return folded;
    if (isPlainAscii(text, from, keyEnd - 1)) return -1;
  }
  const field = matchField(unquote(text, keyStart, keyEnd), spec);
  return field === undefined ? -1 : c.names.indexOf(field);
}

/** No escape and nothing beyond ASCII: the raw key text is the key. */
function isPlainAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch >= 0x80 || ch === 92) return false;
  }
  return true;
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
