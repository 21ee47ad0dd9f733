/**
 * The Centrifugo v6 method table without the validators (`@centkit/validators/v6/protocol`):
 * names, effects, errors and transports, for code that routes by method and must start fast.
 */
import { methods } from './gen/protocol.gen.js';
import type { MethodName } from './gen/protocol.gen.js';

export { protocol, methodNames, methods, errorCatalogue, transports } from './gen/protocol.gen.js';
export type { ErrorCode, MethodName, MethodTypes } from './gen/protocol.gen.js';

/** Whether `name` is a method of the protocol. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
