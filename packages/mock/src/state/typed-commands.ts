/**
 * Recorded commands of the 1.x mock typed by method. The recorder keeps `method` as the string
 * the client sent (a method the protocol lacks is recorded too, answered "method not found"), so
 * typing comes from the method asked for: `commands({ method: 'publish' })`,
 * `waitFor({ method: 'publish' })` and `isCommandOf(command, 'publish')` give `params` the
 * method's params type. `params` is what the client sent: a rejected command's may not match it.
 */
import type { MethodName, MethodTypes } from '@centkit/validators/protocol';
import type { RecordedCommand } from './recorded-command.js';
import type { CommandFilter } from './recorder.js';

/** A recorded command of method `M`, its `params` typed as `M`'s. */
export type RecordedCommandOf<M extends MethodName> = Omit<RecordedCommand, 'method' | 'params'> & {
  readonly method: M;
  readonly params: MethodTypes[M]['params'] | undefined;
};

/** A filter naming one method of the protocol: what it matches is typed by that method. */
export type MethodFilter<M extends MethodName> = CommandFilter & { readonly method: M };

/** Whether `command` is of `method`, narrowing its `params`. */
export function isCommandOf<M extends MethodName>(
  command: RecordedCommand,
  method: M,
): command is RecordedCommand & RecordedCommandOf<M> {
  return command.method === method;
}
