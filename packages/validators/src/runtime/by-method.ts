/**
 * Validation by method name over a protocol's generated validator table, shared by every
 * protocol's entry point (`validate.ts` for 1.x, `v6/index.ts` for v6): the table differs, the
 * lookup and the unknown-method issue do not.
 */
import type { ValidationResult, Validator } from './create-validator.js';

export type ValidationKind = 'params' | 'result';

/** One method's four validators, as the validators emitter writes them. */
export interface MethodValidatorSet {
  readonly params: Validator<unknown>;
  readonly result: Validator<unknown>;
  readonly paramsWire: Validator<unknown>;
  readonly resultWire: Validator<unknown>;
}

/** The typed-view check, narrowing to the method's params or result type. */
export interface ValidateByMethod<Types extends { [M in keyof Types]: { params: unknown; result: unknown } }> {
  <M extends keyof Types & string, K extends ValidationKind>(
    method: M,
    kind: K,
    value: unknown,
  ): ValidationResult<Types[M][K]>;
  (method: string, kind: ValidationKind, value: unknown): ValidationResult<unknown>;
}

/** The wire-view check: what the server accepts or sends. */
export type ValidateWireByMethod = (method: string, kind: ValidationKind, value: unknown) => ValidationResult<unknown>;

export function byMethod<Types extends { [M in keyof Types]: { params: unknown; result: unknown } }>(table: {
  readonly [M in keyof Types]: MethodValidatorSet;
}): { validate: ValidateByMethod<Types>; validateWire: ValidateWireByMethod } {
  const find = (method: string): MethodValidatorSet | undefined =>
    Object.hasOwn(table, method) ? (table as Readonly<Record<string, MethodValidatorSet>>)[method] : undefined;
  const validate = ((method: string, kind: ValidationKind, value: unknown) => {
    const set = find(method);
    return set === undefined ? unknownMethod(method) : set[kind](value);
  }) as ValidateByMethod<Types>;
  const validateWire: ValidateWireByMethod = (method, kind, value) => {
    const set = find(method);
    return set === undefined ? unknownMethod(method) : set[kind === 'params' ? 'paramsWire' : 'resultWire'](value);
  };
  return { validate, validateWire };
}

function unknownMethod(method: string): ValidationResult<never> {
  return {
    ok: false,
    errors: [{ path: '/method', message: `unknown method "${method}"`, keyword: 'method', schemaPath: '' }],
  };
}
