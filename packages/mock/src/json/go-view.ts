/**
 * What a JSON Schema should see of a document a Go server decodes into a struct: the JSON as sent
 * (absent stays absent, `null` stays `null`, unknown keys are kept), but with Go's reading of
 * it, which `JSON.parse` does not have and a schema cannot express:
 *
 * - a key that fills a struct field (exactly, or under Go's case folding: `go-fields.ts`) is
 *   written as the field's name, so `{"CHANNEL": 5}` is seen as `{"channel": 5}`;
 * - of keys that reach one field the last wins, but `null` leaves a field it does not change in
 *   Go (`nullInto`) with the value it had;
 * - the value a decode failed on (`GoDecodeFailure.offset`) stays in its field whatever follows,
 *   as Go returns the first error: the schema sees why the server refused.
 *
 * Structs and lists of structs are walked (iteratively: a filter tree may nest 10000 deep);
 * every other value is `JSON.parse`d whole. Unlike Go, a duplicate key of a struct field replaces
 * the earlier object instead of merging into it. The verdict (accepted or not) is the decoder's.
 */
import { matchField } from './go-fields.js';
import { compiledStruct, KEEPS_VALUE, nullInto, type CompiledStruct, type GoKind, type GoTable } from './go-kinds.js';
import { decodeGoStructAt, type GoDecodeFailure } from './go-decode.js';
import { checkJson, skipSpace } from './scan.js';
import { unquote } from './unquote.js';
import { skipString, skipValue } from './walk.js';

interface Frame {
  /** The struct of this object's members; for a list, of its elements. */
  readonly c: CompiledStruct;
  readonly list: boolean;
  readonly out: Record<string, unknown> | unknown[];
  /** Fields holding the value a decode failed on. */
  readonly frozen: Set<string>;
  /** Stores the finished value; `end` is just after it. */
  readonly done: (value: unknown, end: number) => void;
}

/** The view of the (valid) JSON value at `start`, read as Go reads a value of `kind`. */
export function goView(text: string, start: number, table: GoTable, kind: GoKind, failedAt = -1): unknown {
  let result: unknown;
  const root = open(text, start, table, kind, (v) => {
    result = v;
  });
  if (root === undefined) return plain(text, start, skipValue(text, start));
  const stack: Frame[] = [root];
  let j = skipSpace(text, start + 1);
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    const c = text.charCodeAt(j);
    if (c === 125 || c === 93 || j >= text.length) {
      stack.pop();
      f.done(f.out, j + 1);
      j = next(text, j + 1);
      continue;
    }
    let key: string | undefined;
    let field: GoKind | undefined;
    let v = j;
    if (f.list) field = { struct: f.c.name };
    else {
      const keyEnd = skipString(text, j);
      const index = matchField(f.c.fields, text, j, keyEnd);
      key = index < 0 ? unquote(text, j, keyEnd) : (f.c.fields.names[index] as string);
      field = index < 0 ? undefined : f.c.kinds[index];
      v = skipSpace(text, skipSpace(text, keyEnd) + 1);
    }
    const out = f.out;
    if (
      key !== undefined &&
      (f.frozen.has(key) ||
        (text.charCodeAt(v) === 110 &&
          field !== undefined &&
          nullInto(field) === KEEPS_VALUE &&
          Object.hasOwn(out, key)))
    ) {
      j = next(text, skipValue(text, v));
      continue;
    }
    const store = Array.isArray(out)
      ? (x: unknown) => void out.push(x)
      : (x: unknown, end: number) => {
          setOwn(out, key as string, x);
          if (failedAt >= v && failedAt < end) f.frozen.add(key as string);
        };
    const child = field === undefined ? undefined : open(text, v, table, field, store);
    if (child !== undefined) {
      stack.push(child);
      j = skipSpace(text, v + 1);
      continue;
    }
    const end = skipValue(text, v);
    store(plain(text, v, end), end);
    j = next(text, end);
  }
  return result;
}

/** After a value ending at `end`: past the comma, or at the closing bracket. */
function next(text: string, end: number): number {
  const j = skipSpace(text, end);
  return text.charCodeAt(j) === 44 ? skipSpace(text, j + 1) : j;
}

/** The view of a whole document decoded into struct `name`, with the decoder's verdict; undefined when it is not JSON. */
export function goDocumentView(
  text: string,
  table: GoTable,
  name: string,
): { readonly value: unknown; readonly failure?: GoDecodeFailure } | undefined {
  if (checkJson(text) !== undefined) return undefined;
  const start = skipSpace(text, 0);
  const decoded = decodeGoStructAt(text, start, table, name);
  const failedAt = decoded.ok ? -1 : decoded.offset;
  const value = goView(text, start, table, { struct: name }, failedAt);
  return decoded.ok ? { value } : { value, failure: decoded };
}

/** A frame for a struct (an object) or a list of structs (an array) at `start`; undefined for anything else. */
function open(text: string, start: number, table: GoTable, kind: GoKind, done: Frame['done']): Frame | undefined {
  if (typeof kind !== 'object') return undefined;
  const c = text.charCodeAt(start);
  const list = 'list' in kind;
  if (c !== (list ? 91 : 123)) return undefined;
  const name = 'list' in kind ? kind.list : kind.struct;
  return { c: compiledStruct(table, name), list, out: list ? [] : {}, frozen: new Set(), done };
}

function plain(text: string, start: number, end: number): unknown {
  return JSON.parse(text.slice(start, end)) as unknown;
}

/** An own property even for a key such as `__proto__`. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
