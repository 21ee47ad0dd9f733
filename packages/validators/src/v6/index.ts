// Public surface of `@centkit/validators/v6`: the Centrifugo v6 server API's types, validators
// (typed and wire views) and method table, generated from schema/centrifugo-v6.
import { methodValidators } from './gen/validators.gen.js';
import type { MethodTypes } from './gen/protocol.gen.js';
import { byMethod } from '../runtime/by-method.js';

export type * from './gen/types.gen.js';
export * from './gen/validators.gen.js';
export { protocol, methodNames, methods, errorCatalogue, transports, isMethodName } from './protocol.js';
export type { ErrorCode, MethodName, MethodTypes } from './protocol.js';
export type { ValidationKind } from '../runtime/by-method.js';
export { createValidator, formatIssues } from '../runtime/create-validator.js';
export type { ValidationIssue, ValidationResult, Validator, RawValidator } from '../runtime/create-validator.js';

/** Checks params or a result by method name: `validate` (typed view), `validateWire` (as the server accepts or sends). */
export const { validate, validateWire } = byMethod<MethodTypes>(methodValidators);
