export type * from './gen/types.gen.js';
export * from './gen/validators.gen.js';
export { protocol, methodNames, methods, errorCatalogue, transports, isMethodName } from './protocol.js';
export type { MethodName, MethodTypes } from './protocol.js';
export { validate, validateWire } from './validate.js';
export type { ValidationKind } from './validate.js';
export { createValidator, formatIssues } from './runtime/create-validator.js';
export type { ValidationIssue, ValidationResult, Validator, RawValidator } from './runtime/create-validator.js';
