/**
 * The one place the v6 mock learns the protocol: the method table and error catalogue of
 * `@centkit/validators/v6/protocol` and the generated decoding glue (`gen/glue.gen.ts`: the struct
 * every request decodes into), both from schema/centrifugo-v6. Behaviour is hand-written in
 * `methods/`, typed over `MethodName`, so a method added to the schema without a handler does not
 * compile.
 */
import { errorCatalogue, methodNames as generatedNames, methods } from '@centkit/validators/v6/protocol';
import type { MethodName as GeneratedMethodName } from '@centkit/validators/v6/protocol';
import { decodeGoDocument, decodeGoStructAt, goTable, type GoDecodeResult, type GoStruct } from '../json/go-decode.js';
import { paramsStructs, structs as generatedStructs } from './gen/glue.gen.js';

export { methods };
export type Structs = typeof generatedStructs;

/** The generated structs, compiled for the decoder. */
export const structs = goTable(generatedStructs);
export { paramsStructs };
export type MethodName = GeneratedMethodName;
export type StructName = keyof Structs & string;
export type Params<M extends MethodName> = GoStruct<Structs, (typeof paramsStructs)[M]>;
export type Struct<N extends StructName> = GoStruct<Structs, N>;

type Entry = (typeof errorCatalogue)[number];
/** Errors answered inside a 200 reply (or with their transport status in transport mode). */
export type SoftErrorId = Extract<Entry, { readonly kind: 'soft' }>['id'];
/** Errors that fail the whole HTTP request with a fixed status and body. */
export type HardErrorId = Extract<Entry, { readonly kind: 'hard' }>['id'];

export const methodNames: readonly MethodName[] = generatedNames;

const byName: ReadonlyMap<string, MethodName> = new Map(methodNames.map((m) => [m, m]));
const byId: ReadonlyMap<string, Entry> = new Map(errorCatalogue.map((e) => [e.id, e]));

/** The method table's own string for `name` (undefined when not a method). */
export function methodOf(name: string): MethodName | undefined {
  return byName.get(name);
}

/** `json.Unmarshal(body, &<Method>Request)`: the whole body, syntax included. */
export function decodeParams<M extends MethodName>(method: M, body: string): GoDecodeResult<Params<M>> {
  return decodeGoDocument(body, structs, paramsStructs[method]) as GoDecodeResult<Params<M>>;
}

/** Decodes the (syntax-checked) value at `start` into struct `name`. */
export function decodeStructAt<N extends StructName>(text: string, start: number, name: N): GoDecodeResult<Struct<N>> {
  return decodeGoStructAt(text, start, structs, name) as GoDecodeResult<Struct<N>>;
}

export function softError(id: SoftErrorId): {
  readonly code: number;
  readonly message: string;
  readonly transportStatus: number;
} {
  return byId.get(id) as Extract<Entry, { readonly kind: 'soft' }>;
}

export function hardError(id: HardErrorId): { readonly status: number; readonly body: string } {
  return byId.get(id) as Extract<Entry, { readonly kind: 'hard' }>;
}

/** A numbered error by its message or id (`soft-error` faults name one), undefined when there is none. */
export function softErrorNamed(name: string): SoftErrorId | undefined {
  const e = errorCatalogue.find((x) => x.kind === 'soft' && (x.id === name || x.message === name));
  return e?.id as SoftErrorId | undefined;
}
