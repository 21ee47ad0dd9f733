/**
 * The one place the mock learns about the protocol: the generated method table and wire
 * validators of `@centkit/validators` and the generated decoding glue (`gen/glue.gen.ts`: the
 * struct each method's params decode into), all from schema/centrifugo-v1. Behaviour (what each method
 * does to state) stays hand-written in `api/methods/`; `api/methods/index.ts` is typed over
 * `MethodName`, so a method added to the schema without a handler does not compile.
 *
 * The table comes from the light `/protocol` entry; the validators (ajv's compiled code, a third
 * of the mock's start-up) are imported only by `loadWireValidation`, which a strict mock awaits
 * before it listens and keeps on its node.
 */
import {
  isMethodName as isGeneratedMethodName,
  methodNames as generatedMethodNames,
  methods as generatedMethods,
} from '@centkit/validators/protocol';
import type { MethodName as GeneratedMethodName } from '@centkit/validators/protocol';
import type { ValidationIssue as GeneratedIssue } from '@centkit/validators';
import { decodeGoStructAt, goTable, type GoDecodeResult, type GoStruct } from './json/go-decode.js';
import { paramsStructs, structs as generatedStructs } from './gen/glue.gen.js';

export type MethodName = GeneratedMethodName;
export type Structs = typeof generatedStructs;
export type Params<M extends MethodName> = GoStruct<Structs, (typeof paramsStructs)[M]>;

export { paramsStructs };

/** The generated params structs, compiled for the decoder. */
export const structs = goTable(generatedStructs);

/** `json.Unmarshal(params, &p)` into `method`'s params struct; `params` is valid JSON (a command's raw value). */
export function decodeParamsText<M extends MethodName>(method: M, params: string): GoDecodeResult<Params<M>> {
  return decodeGoStructAt(params, 0, structs, paramsStructs[method]) as GoDecodeResult<Params<M>>;
}

export type ErrorId = (typeof generatedMethods)[MethodName]['errors'][number];

export interface MethodSpec {
  readonly name: MethodName;
  readonly since: string;
  readonly effect: 'read' | 'write';
  readonly errors: readonly string[];
  readonly transports: readonly string[];
}

export const methods: Readonly<Record<MethodName, MethodSpec>> = generatedMethods;

export const methodNames: readonly MethodName[] = generatedMethodNames;

export function isMethodName(name: string): name is MethodName {
  return isGeneratedMethodName(name);
}

const canonicalNames: ReadonlyMap<string, MethodName> = new Map(methodNames.map((m) => [m, m]));

/**
 * The method table's own string for `name` (undefined when not a method): records then share
 * one string instead of each keeping the copy sliced out of its request.
 */
export function canonicalMethodName(name: string): MethodName | undefined {
  return canonicalNames.get(name);
}

/** Methods the Redis API queue executes (those offered on the `redis` transport); others are ignored. */
export const queueMethods: ReadonlySet<MethodName> = new Set(
  methodNames.filter((m) => methods[m].transports.includes('redis')),
);

/** Whether a method can fail with an engine error (`internal_server_error` in its catalogue). */
export function canFailInEngine(method: MethodName): boolean {
  return methods[method].errors.includes('internal_server_error');
}

/** One reason a value does not match the wire schema. */
export type ValidationIssue = GeneratedIssue;

/** What the wire schema says about a method's params value ([] when it passes). */
export type ValidateParams = (method: string, value: unknown) => readonly ValidationIssue[];

/** Imports the generated wire validators (the module system keeps them: a second strict mock pays nothing). */
export async function loadWireValidation(): Promise<ValidateParams> {
  const { validateWire } = await import('@centkit/validators');
  return (method, value) => {
    const r = validateWire(method, 'params', value);
    return r.ok ? [] : r.errors;
  };
}
