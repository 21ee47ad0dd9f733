/**
 * `json.Unmarshal` into Go structs described by a table of field kinds (the kinds protoc-gen-go
 * structs use): the mock sees a request body exactly as a Go server does.
 *
 * - keys: exact field name, else Go's case folding (`go-fields.ts`); unknown keys are skipped;
 *   of duplicate keys the last wins, and a duplicate of a struct, map or slice field decodes
 *   *into* the value the first one made (Go reuses it: structs and maps merge, a slice keeps its
 *   capacity and the stale elements in it);
 * - `null` leaves a string, bool or number field as it is, and sets a raw field to `null`, a
 *   struct pointer, map or slice to nil (`undefined`, or an empty slice);
 * - a value of the wrong JSON type (`type`), a fraction or an out-of-range number for an integer
 *   field (`number`) fails the whole decode (Go goes on decoding and returns the first such
 *   error; the value is then discarded, so stopping at once gives the same answer). A failure
 *   says where the value that caused it starts (`offset`), for `go-view.ts`.
 *
 * The walk is iterative (an explicit stack of open objects and arrays): a recursive type such
 * as a filter tree can nest as deep as the syntax allows (10000) without exhausting the stack.
 * Input must be valid JSON (`checkJson`); `decodeGoDocument` checks it.
 */
import { matchField } from './go-fields.js';
import { goInt32, goInt64, goIntProblem, type GoIntKind } from './go-number.js';
import { checkJson, skipSpace } from './scan.js';
import { unquote } from './unquote.js';
import { jsonType, skipString, skipValue } from './walk.js';
import {
  compiledStruct,
  EMPTY,
  KEEPS_VALUE,
  nullInto,
  type CompiledStruct,
  type GoKind,
  type GoStruct,
  type GoStructs,
  type GoTable,
} from './go-kinds.js';
import { walkFlat } from './go-decode-flat.js';
import { growSlice, sliceOf, sliceView, type Backings, type GoSlice } from './go-slice.js';

export type { GoKind, GoStructs, GoStruct, GoTable } from './go-kinds.js';
export { goTable } from './go-kinds.js';

/** Why a decode failed: bad JSON, a value of the wrong JSON type, a number an integer field cannot hold. */
export type GoDecodeFailure = {
  readonly ok: false;
  readonly kind: 'syntax' | 'type' | 'number';
  readonly path: string;
  readonly message: string;
  /** Where the offending value (or, for `syntax`, the bad character) starts in the text. */
  readonly offset: number;
};

/** `end`: just after the decoded value. */
export type GoDecodeResult<T> = { readonly ok: true; readonly value: T; readonly end: number } | GoDecodeFailure;

type Obj = Record<string, unknown>;

interface StructFrame {
  readonly kind: 'struct';
  readonly c: CompiledStruct;
  readonly target: Obj;
  readonly path: string;
}
interface MapFrame {
  readonly kind: 'map';
  readonly target: Map<string, string>;
  readonly path: string;
}
interface ListFrame {
  readonly kind: 'list';
  readonly elem: CompiledStruct | undefined; // undefined: []string
  readonly slice: GoSlice;
  i: number;
  readonly path: string;
  /** Where to store the finished slice. */
  readonly owner: Obj;
  readonly field: string;
}
type Frame = StructFrame | MapFrame | ListFrame;

/** One decode: its table, its open objects and arrays, the capacities of the slices it made. */
interface Walk {
  readonly table: GoTable;
  readonly stack: Frame[];
  backings: Backings | undefined;
}

type Fail = GoDecodeFailure;
const fail = (path: string, message: string, offset: number, kind: 'type' | 'number' = 'type'): Fail => ({
  ok: false,
  kind,
  path,
  message,
  offset,
});

/** Decodes a whole document (syntax-checked here) into the struct `name` of `table`. */
export function decodeGoDocument<S extends GoStructs, N extends keyof S & string>(
  text: string,
  table: GoTable<S>,
  name: N,
): GoDecodeResult<GoStruct<S, N>> {
  const syntax = checkJson(text);
  if (syntax !== undefined)
    return {
      ok: false,
      kind: 'syntax',
      path: '',
      message: `${syntax.message} (offset ${syntax.offset})`,
      offset: syntax.offset,
    };
  return decodeGoStructAt(text, skipSpace(text, 0), table, name);
}

/** Decodes the (valid) value at `start` into a new struct `name` (a Go `var v T; json.Unmarshal`). */
export function decodeGoStructAt<S extends GoStructs, N extends keyof S & string>(
  text: string,
  start: number,
  table: GoTable<S>,
  name: N,
): GoDecodeResult<GoStruct<S, N>> {
  const c = compiledStruct(table, name);
  const root = c.zero();
  const ch = text.charCodeAt(start);
  if (ch === 123) {
    // Scalar members only (most requests): the flat loop; else the walk, from the start.
    const end = walkFlat(text, start, c, root);
    if (end >= 0) return { ok: true, value: root as never, end };
  }
  return decodeGoStructWalked(text, start, table, name);
}

/** `decodeGoStructAt` by the generic walk alone: the reference `go-decode-flat.ts` is checked against. */
export function decodeGoStructWalked<S extends GoStructs, N extends keyof S & string>(
  text: string,
  start: number,
  table: GoTable<S>,
  name: N,
): GoDecodeResult<GoStruct<S, N>> {
  const c = compiledStruct(table, name);
  const root = c.zero();
  const ch = text.charCodeAt(start);
  if (ch === 110) return { ok: true, value: root as never, end: start + 4 };
  if (ch !== 123) return fail('', `cannot unmarshal ${jsonType(ch)} into Go value of type ${name}`, start);
  const end = walk(text, start, { kind: 'struct', c, target: root, path: '' }, table);
  return typeof end === 'number' ? { ok: true, value: root as never, end } : end;
}

/** Walks the object at `start` (text[start] === '{') into `first`, iteratively; returns where it ends. */
function walk(text: string, start: number, first: StructFrame, table: GoTable): number | Fail {
  const stack: Frame[] = [first];
  const w: Walk = { table, stack, backings: undefined };
  let j = skipSpace(text, start + 1);
  for (;;) {
    const frame = stack[stack.length - 1] as Frame;
    const close = text.charCodeAt(j);
    if (close === 125 || close === 93) {
      stack.pop();
      if (frame.kind === 'list') finishList(frame, w);
      if (stack.length === 0) return j + 1;
      j = skipSpace(text, j + 1);
      if (text.charCodeAt(j) === 44) j = skipSpace(text, j + 1);
      continue;
    }
    if (frame.kind === 'list') {
      const r = listElement(text, j, frame, stack);
      if (typeof r !== 'number') return r;
      j = r;
      continue;
    }
    const keyEnd = skipString(text, j);
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    if (frame.kind === 'map') {
      const d = text.charCodeAt(valueStart);
      const key = unquote(text, j, keyEnd);
      if (d === 34) frame.target.set(key, unquote(text, valueStart, skipString(text, valueStart)));
      else if (d === 110) frame.target.set(key, '');
      else return fail(`${frame.path}/${key}`, `must be a string (got ${jsonType(d)})`, valueStart);
      j = next(text, skipValue(text, valueStart));
      continue;
    }
    const f = matchField(frame.c.fields, text, j, keyEnd);
    if (f < 0) {
      j = next(text, skipValue(text, valueStart));
      continue;
    }
    const r = member(text, valueStart, frame, f, w);
    if (typeof r !== 'number') return r;
    j = r;
  }
}

/** After a value ending at `end`: past the comma, or at the closing bracket. */
function next(text: string, end: number): number {
  const j = skipSpace(text, end);
  return text.charCodeAt(j) === 44 ? skipSpace(text, j + 1) : j;
}

/** Stores one member; returns where the next key (or the close) is, or a failure. Pushes a frame for objects and arrays it descends into. */
function member(text: string, v: number, frame: StructFrame, f: number, w: Walk): number | Fail {
  const field = frame.c.fields.names[f] as string;
  const kind = frame.c.kinds[f] as GoKind;
  const target = frame.target;
  const ch = text.charCodeAt(v);
  if (ch === 110) {
    const value = nullInto(kind);
    if (value !== KEEPS_VALUE) target[field] = value;
    return next(text, v + 4);
  }
  const path = `${frame.path}/${field}`;
  if (typeof kind === 'object') {
    if ('struct' in kind) {
      if (ch !== 123) return fail(path, `must be an object (got ${jsonType(ch)})`, v);
      const c = compiledStruct(w.table, kind.struct);
      const obj = (target[field] as Obj | undefined) ?? (target[field] = c.zero());
      w.stack.push({ kind: 'struct', c, target: obj, path });
      return skipSpace(text, v + 1);
    }
    if (ch !== 91) return fail(path, `must be an array (got ${jsonType(ch)})`, v);
    w.stack.push(openList(target, field, compiledStruct(w.table, kind.list), path, w));
    return skipSpace(text, v + 1);
  }
  switch (kind) {
    case 'raw': {
      const end = skipValue(text, v);
      target[field] = text.slice(v, end);
      return next(text, end);
    }
    case 'string': {
      if (ch !== 34) return fail(path, `must be a string (got ${jsonType(ch)})`, v);
      const end = skipString(text, v);
      target[field] = unquote(text, v, end);
      return next(text, end);
    }
    case 'bool':
      if (ch === 116) target[field] = true;
      else if (ch === 102) target[field] = false;
      else return fail(path, `must be a boolean (got ${jsonType(ch)})`, v);
      return next(text, skipValue(text, v));
    case 'strings':
      if (ch !== 91) return fail(path, `must be an array of strings (got ${jsonType(ch)})`, v);
      w.stack.push(openList(target, field, undefined, path, w));
      return skipSpace(text, v + 1);
    case 'string-map':
      if (ch !== 123) return fail(path, `must be an object of strings (got ${jsonType(ch)})`, v);
      w.stack.push({
        kind: 'map',
        target: (target[field] as Map<string, string> | undefined) ?? (target[field] = new Map<string, string>()),
        path,
      });
      return skipSpace(text, v + 1);
    default: {
      if (ch !== 45 && (ch < 48 || ch > 57)) return fail(path, `must be an integer (got ${jsonType(ch)})`, v);
      const end = skipValue(text, v);
      const literal = text.slice(v, end);
      const problem = goIntProblem(literal, kind as GoIntKind);
      if (problem !== undefined) return fail(path, problem, v, 'number');
      target[field] = kind === 'int32' || kind === 'uint32' ? goInt32(literal) : goInt64(literal);
      return next(text, end);
    }
  }
}

function openList(owner: Obj, field: string, elem: CompiledStruct | undefined, path: string, w: Walk): ListFrame {
  return {
    kind: 'list',
    elem,
    slice: sliceOf(owner[field] as readonly unknown[] | undefined, w.backings),
    i: 0,
    path,
    owner,
    field,
  };
}

/** One element of a slice being decoded (Go's `array()`: grow, extend the length, decode into the element). */
function listElement(text: string, v: number, frame: ListFrame, stack: Frame[]): number | Fail {
  const s = frame.slice;
  const i = frame.i;
  if (i >= s.backing.length) growSlice(s, i + 1);
  if (i >= s.len) s.len = i + 1;
  frame.i = i + 1;
  const ch = text.charCodeAt(v);
  const path = `${frame.path}/${i}`;
  if (frame.elem === undefined) {
    if (ch === 34) s.backing[i] = unquote(text, v, skipString(text, v));
    else if (ch !== 110) return fail(path, `must be a string (got ${jsonType(ch)})`, v);
    else if (s.backing[i] === undefined) s.backing[i] = '';
    return next(text, skipValue(text, v));
  }
  if (ch === 110) {
    s.backing[i] = undefined;
    return next(text, v + 4);
  }
  if (ch !== 123) return fail(path, `must be an object (got ${jsonType(ch)})`, v);
  const obj = (s.backing[i] as Obj | undefined) ?? (s.backing[i] = frame.elem.zero());
  stack.push({ kind: 'struct', c: frame.elem, target: obj, path });
  return skipSpace(text, v + 1);
}

/** The array ended: Go cuts the length to the elements read (an empty array makes a new empty slice). */
function finishList(frame: ListFrame, w: Walk): void {
  const s = frame.slice;
  if (frame.i < s.len) s.len = frame.i;
  frame.owner[frame.field] = frame.i === 0 ? EMPTY : sliceView(s, () => (w.backings ??= new Map()));
}
