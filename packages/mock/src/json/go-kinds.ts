/**
 * The field kinds of the Go structs a decoder fills (`go-decode.ts`), and the TypeScript type of
 * a decoded struct. A table names every struct; a field refers to another by name, so recursive
 * types (a filter tree) are plain data. Generated glue emits such tables from a schema; `goTable`
 * compiles one for the decoder.
 *
 *   string       Go string              → string ('' when absent)
 *   bool         Go bool                → boolean
 *   int32 uint32 Go int32 / uint32      → number
 *   int64 uint64 Go int64 / uint64      → bigint (exact)
 *   raw          json.RawMessage-like   → the value's JSON text, `undefined` when absent
 *   strings      []string               → readonly string[] (empty when nil)
 *   string-map   map[string]string      → Map, `undefined` when nil
 *   {struct: N}  *N                     → the struct, `undefined` when nil
 *   {list: N}    []*N                   → readonly (struct | undefined)[]
 */
import { fieldNames, type FieldNames } from './go-fields.js';

export type GoScalarKind =
  'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'raw' | 'strings' | 'string-map';
export type GoKind = GoScalarKind | { readonly struct: string } | { readonly list: string };
export type GoFields = { readonly [field: string]: GoKind };
export type GoStructs = { readonly [name: string]: GoFields };

type KindValue<S extends GoStructs, K> = K extends 'string'
  ? string
  : K extends 'bool'
    ? boolean
    : K extends 'int32' | 'uint32'
      ? number
      : K extends 'int64' | 'uint64'
        ? bigint
        : K extends 'raw'
          ? string | undefined
          : K extends 'strings'
            ? readonly string[]
            : K extends 'string-map'
              ? Map<string, string> | undefined
              : K extends { readonly struct: infer N extends keyof S }
                ? GoStruct<S, N> | undefined
                : K extends { readonly list: infer N extends keyof S }
                  ? readonly (GoStruct<S, N> | undefined)[]
                  : never;

/** A decoded struct `N` of table `S`. */
export type GoStruct<S extends GoStructs, N extends keyof S> = { readonly [F in keyof S[N]]: KindValue<S, S[N][F]> };

export interface CompiledStruct {
  readonly name: string;
  readonly fields: FieldNames;
  readonly kinds: readonly GoKind[];
  /** A new zero value. */
  zero(): Record<string, unknown>;
}

/** A struct table with every struct compiled once, when it is made: what the decoder and the view walk with. */
export interface GoTable<S extends GoStructs = GoStructs> {
  readonly structs: S;
  readonly compiled: ReadonlyMap<string, CompiledStruct>;
}

export function goTable<S extends GoStructs>(structs: S): GoTable<S> {
  return { structs, compiled: new Map(Object.entries(structs).map(([name, spec]) => [name, compile(name, spec)])) };
}

export function compiledStruct(table: GoTable, name: string): CompiledStruct {
  const c = table.compiled.get(name);
  if (c === undefined) throw new Error(`no struct ${name} in the table`);
  return c;
}

/** The empty (or nil) slice every decode shares: frozen, so no one can fill it. */
export const EMPTY: readonly never[] = Object.freeze([]);

/** `nullInto` for the kinds JSON `null` leaves alone. */
export const KEEPS_VALUE: unique symbol = Symbol('keeps its value');

/**
 * What JSON `null` does to a field of this kind (encoding/json's `literalStore`): a string, bool
 * or number keeps the value it had (`KEEPS_VALUE`); a raw field holds the text `null`; a struct
 * pointer, map or slice becomes nil (its zero value).
 */
export function nullInto(kind: GoKind): unknown {
  if (kind === 'raw') return 'null';
  return typeof kind === 'object' || kind === 'strings' || kind === 'string-map' ? zeroOf(kind) : KEEPS_VALUE;
}

function compile(name: string, spec: GoFields): CompiledStruct {
  const names = Object.keys(spec);
  const kinds = names.map((n) => spec[n] as GoKind);
  const template: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i += 1) template[names[i] as string] = zeroOf(kinds[i] as GoKind);
  return { name, fields: fieldNames(names), kinds, zero: () => ({ ...template }) };
}

function zeroOf(kind: GoKind): unknown {
  if (typeof kind === 'object') return 'list' in kind ? EMPTY : undefined;
  switch (kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'uint32':
      return 0;
    case 'int64':
    case 'uint64':
      return 0n;
    case 'strings':
      return EMPTY;
    case 'raw':
    case 'string-map':
      return undefined;
  }
}
