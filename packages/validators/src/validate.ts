import { methodValidators } from './gen/validators.gen.js';
import type { MethodName, MethodTypes } from './gen/protocol.gen.js';
import { isMethodName } from './protocol.js';
import type { ValidationResult } from './runtime/create-validator.js';

export type ValidationKind = 'params' | 'result';

/**
 * Checks a method's params or result against the typed view: what a well-behaved caller
 * sends, what a successful reply carries. An unknown method is reported as an issue.
 */
export function validate<M extends MethodName, K extends ValidationKind>(method: M, kind: K, value: unknown): ValidationResult<MethodTypes[M][K]>;
export function validate(method: string, kind: ValidationKind, value: unknown): ValidationResult<unknown>;
export function validate(method: string, kind: ValidationKind, value: unknown): ValidationResult<unknown> {
  if (!isMethodName(method)) return unknownMethod(method);
  return methodValidators[method][kind](value);
}

/** Checks a method's params or result as the server accepts or sends them (wire view). */
export function validateWire(method: string, kind: ValidationKind, value: unknown): ValidationResult<unknown> {
  if (!isMethodName(method)) return unknownMethod(method);
  return methodValidators[method][kind === 'params' ? 'paramsWire' : 'resultWire'](value);
}

function unknownMethod(method: string): ValidationResult<never> {
  return { ok: false, errors: [{ path: '/method', message: `unknown method "${method}"`, keyword: 'method', schemaPath: '' }] };
}
