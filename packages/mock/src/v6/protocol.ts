/**
 * The one place the v6 mock learns the protocol: the generated glue (structs of every request,
 * method table, error catalogue). Behaviour is hand-written in `methods/`, typed over
 * `MethodName`, so a method added to the schema without a handler does not compile.
 */
import { decodeGoDocument, decodeGoStructAt, type GoDecodeResult, type GoStruct } from '../json/go-decode.js';
import { errorCatalogue, methodNames as glueMethodNames, methods, structs } from './glue.js';

export { errorCatalogue, methods };
export type Structs = typeof structs;
export type MethodName = keyof typeof methods;
export type StructName = keyof Structs & string;
export type Params<M extends MethodName> = GoStruct<Structs, (typeof methods)[M]['params']>;
export type Struct<N extends StructName> = GoStruct<Structs, N>;

type Catalogue = typeof errorCatalogue;
/** Errors answered inside a 200 reply (or with their transport status in transport mode). */
export type SoftErrorId = { [K in keyof Catalogue]: Catalogue[K]['kind'] extends 'soft' ? K : never }[keyof Catalogue];
/** Errors that fail the whole HTTP request with a fixed status and body. */
export type HardErrorId = { [K in keyof Catalogue]: Catalogue[K]['kind'] extends 'hard' ? K : never }[keyof Catalogue];

export const methodNames: readonly MethodName[] = glueMethodNames;

const byName: ReadonlyMap<string, MethodName> = new Map(methodNames.map((m) => [m, m]));

/** The method table's own string for `name` (undefined when not a method). */
export function methodOf(name: string): MethodName | undefined {
  return byName.get(name);
}

/** `json.Unmarshal(body, &<Method>Request)`: the whole body, syntax included. */
export function decodeParams<M extends MethodName>(method: M, body: string): GoDecodeResult<Params<M>> {
  return decodeGoDocument(body, structs, methods[method].params) as GoDecodeResult<Params<M>>;
}

/** Decodes the (syntax-checked) value at `start` into struct `name`. */
export function decodeStructAt<N extends StructName>(text: string, start: number, name: N): GoDecodeResult<Struct<N>> {
  return decodeGoStructAt(text, start, structs, name) as GoDecodeResult<Struct<N>>;
}

export function softError(id: SoftErrorId): { readonly code: number; readonly message: string; readonly transportStatus: number } {
  return errorCatalogue[id];
}

export function hardError(id: HardErrorId): { readonly status: number; readonly body: string } {
  return errorCatalogue[id];
}
