export type * from './gen/types.gen.js';
export * from './gen/validators.gen.js';
export { protocol, methodNames, methods, errorCatalogue, transports } from './gen/protocol.gen.js';
export type { MethodName, MethodTypes } from './gen/protocol.gen.js';
export { validate, validateWire, isMethodName } from './validate.js';
export type { ValidationKind } from './validate.js';
export { createValidator, formatIssues } from './runtime/create-validator.js';
export type { ValidationIssue, ValidationResult, Validator, RawValidator } from './runtime/create-validator.js';
