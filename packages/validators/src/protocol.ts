/**
 * The method table without the validators (`@centkit/validators/protocol`): names, effects,
 * errors and transports, for code that routes by method and must start fast (the mock loads
 * ajv's compiled validators only when its strict mode needs them).
 */
import { methods } from './gen/protocol.gen.js';
import type { MethodName } from './gen/protocol.gen.js';

export { protocol, methodNames, methods, errorCatalogue, transports } from './gen/protocol.gen.js';
export type { MethodName, MethodTypes } from './gen/protocol.gen.js';

/** Whether `name` is a method of the protocol. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
