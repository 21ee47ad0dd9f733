import { methodValidators } from './gen/validators.gen.js';
import type { MethodTypes } from './gen/protocol.gen.js';
import { byMethod } from './runtime/by-method.js';

export type { ValidationKind } from './runtime/by-method.js';

/**
 * `validate`: checks a method's params or result against the typed view (what a well-behaved
 * caller sends, what a successful reply carries). `validateWire`: as the server accepts or
 * sends them. An unknown method is reported as an issue.
 */
export const { validate, validateWire } = byMethod<MethodTypes>(methodValidators);
