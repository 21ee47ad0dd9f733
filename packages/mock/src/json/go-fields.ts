/**
 * Which struct field a JSON object key fills, as Go's encoding/json picks it: the field whose
 * name equals the (unquoted) key, else the one whose name equals it under Go's case folding
 * (ASCII letters, plus U+017F ſ ~ s and U+212A K ~ k, the only non-ASCII runes that fold onto
 * ASCII letters). Field names here are the JSON names of the struct tags.
 *
 * Hot path: the raw key text is compared with each name of its length in place, exactly and
 * ASCII-folded at once; only a key with escapes or non-ASCII characters is unquoted.
 */
import { unquote } from './unquote.js';

export interface FieldNames {
  readonly names: readonly string[];
  /** Every name is printable ASCII without a backslash or quote. */
  readonly asciiNames: boolean;
  /** Name → index, for keys that had to be unquoted. */
  readonly index: ReadonlyMap<string, number>;
}

export function fieldNames(names: readonly string[]): FieldNames {
  return {
    names,
    asciiNames: names.every((n) => /^[\x20-\x7e]*$/.test(n) && !/["\\]/.test(n)),
    index: new Map(names.map((n, i) => [n, i])),
  };
}

/** Index of the field the key at text[keyStart, keyEnd) (with its quotes) fills, or -1. */
export function matchField(f: FieldNames, text: string, keyStart: number, keyEnd: number): number {
  const from = keyStart + 1;
  const length = keyEnd - 1 - from;
  if (f.asciiNames) {
    const names = f.names;
    let folded = -1;
    for (let k = 0; k < names.length; k += 1) {
      const name = names[k] as string;
      if (name.length !== length) continue;
      let exact = true;
      let foldOk = true;
      for (let i = 0; i < length && (exact || foldOk); i += 1) {
        const c = text.charCodeAt(from + i);
        const n = name.charCodeAt(i);
        if (c !== n) exact = false;
        if (lower(c) !== lower(n)) foldOk = false;
      }
      if (exact) return k;
      if (foldOk && folded < 0) folded = k;
    }
    if (folded >= 0) return folded;
    if (isPlainAscii(text, from, keyEnd - 1)) return -1;
  }
  const key = unquote(text, keyStart, keyEnd);
  const exact = f.index.get(key);
  if (exact !== undefined) return exact;
  const wanted = fold(key);
  for (let k = 0; k < f.names.length; k += 1) if (fold(f.names[k] as string) === wanted) return k;
  return -1;
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

function isPlainAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || c === 92) return false;
  }
  return true;
}

/** Go's case folding of a key for matching (lower-case ASCII) field names. */
export function fold(key: string): string {
  let out = key.toLowerCase();
  if (/[\u212a\u017f]/.test(key)) out = out.replace(/\u212a/g, 'k').replace(/\u017f/g, 's');
  return out;
}
