/**
 * The `batch` method (api.go Batch/processCmd): each command is an object whose first known key,
 * in the executor's order (not the struct's: history comes before presence), names the method
 * and holds its params; a `null` command is 107, one with no known key 104. Replies are
 * `{"<method>":<result>}` or `{"error":…}`, aligned with the commands, in `{"replies":[…]}`
 * (`{}` when there are none). `parallel` changes nothing visible here: commands run in order.
 * Transport error mode does not apply.
 */
import type { CommandMethod } from '../methods/index.js';
import { handlers } from '../methods/index.js';
import type { MethodContext } from '../methods/types.js';
import type { Params, Struct } from '../protocol.js';
import { GoMarshalError } from '../encode/raw.js';
import { errorObject } from './reply.js';

export const BATCH_ORDER: readonly CommandMethod[] = [
  'publish', 'broadcast', 'subscribe', 'unsubscribe', 'disconnect', 'history', 'history_remove', 'presence', 'presence_stats',
  'info', 'rpc', 'refresh', 'channels', 'map_publish', 'map_remove', 'map_read_state', 'map_read_stream', 'map_stats', 'map_clear',
  'shared_poll_publish',
];

export interface BatchCommandRun {
  readonly index: number;
  readonly method: CommandMethod | undefined;
  readonly params: unknown;
  readonly reply: string;
}

/** Runs the batch; `onCommand` sees each command as it ran (for records). */
export function runBatch(ctx: MethodContext, p: Params<'batch'>, onCommand?: (run: BatchCommandRun) => void): string {
  if (p.commands.length === 0) return '{}';
  let unencodable: GoMarshalError | undefined;
  const replies = p.commands.map((cmd, index) => {
    try {
      const run = runOne(ctx, cmd, index);
      onCommand?.(run);
      return run.reply;
    } catch (err) {
      // Go encodes the whole batch once every command has run: the later ones still run.
      if (!(err instanceof GoMarshalError)) throw err;
      unencodable = err;
      return '';
    }
  });
  if (unencodable !== undefined) throw unencodable;
  return `{"replies":[${replies.join(',')}]}`;
}

function runOne(ctx: MethodContext, cmd: Struct<'Command'> | undefined, index: number): BatchCommandRun {
  if (cmd === undefined) return { index, method: undefined, params: undefined, reply: `{"error":${errorObject('bad_request')}}` };
  for (const method of BATCH_ORDER) {
    const params = cmd[method];
    if (params === undefined) continue;
    const r = (handlers[method] as (c: MethodContext, p: unknown) => ReturnType<(typeof handlers)[typeof method]>)(ctx, params);
    return { index, method, params, reply: r.ok ? `{"${method}":${r.result}}` : `{"error":${errorObject(r.error)}}` };
  }
  return { index, method: undefined, params: undefined, reply: `{"error":${errorObject('not_found')}}` };
}
