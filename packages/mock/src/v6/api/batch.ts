/**
 * The `batch` method (api.go Batch/processCmd): each command is an object whose first known key,
 * in the executor's order (not the struct's: history comes before presence), names the method
 * and holds its params; a `null` command is 107, one with no known key 104. Replies are
 * `{"<method>":<result>}` or `{"error":…}`, aligned with the commands, in `{"replies":[…]}`
 * (`{}` when there are none). `parallel` changes nothing visible here: commands run in order.
 * Transport error mode does not apply. A reply that cannot be encoded fails the whole request,
 * once every command has run (Go encodes the batch at the end).
 */
import { matchField, fieldNames } from '../../json/go-fields.js';
import { skipSpace } from '../../json/scan.js';
import { forEachElement, forEachMember } from '../../json/walk.js';
import { GoMarshalError } from '../encode/raw.js';
import type { CommandMethod } from '../methods/index.js';
import type { MethodContext } from '../methods/types.js';
import type { Params, Struct } from '../protocol.js';
import { invoke, type ExecuteHooks } from './invoke.js';
import { errorObject } from './reply.js';

export const BATCH_ORDER: readonly CommandMethod[] = [
  'publish',
  'broadcast',
  'subscribe',
  'unsubscribe',
  'disconnect',
  'history',
  'history_remove',
  'presence',
  'presence_stats',
  'info',
  'rpc',
  'refresh',
  'channels',
  'map_publish',
  'map_remove',
  'map_read_state',
  'map_read_stream',
  'map_stats',
  'map_clear',
  'shared_poll_publish',
];

/** The method each (decoded) command runs, undefined for `null` or no known key. */
export function commandMethod(cmd: Struct<'Command'> | undefined): CommandMethod | undefined {
  if (cmd === undefined) return undefined;
  for (const method of BATCH_ORDER) if (cmd[method] !== undefined) return method;
  return undefined;
}

/** Runs the batch; `text` is the request body (for the records: each command's params as sent). */
export function runBatch(ctx: MethodContext, p: Params<'batch'>, text: string, hooks?: ExecuteHooks): string {
  if (p.commands.length === 0) return '{}';
  const texts = hooks?.command === undefined ? undefined : itemTexts(text);
  let unencodable: GoMarshalError | undefined;
  const replies = p.commands.map((cmd, index) => {
    const method = commandMethod(cmd);
    if (method === undefined) {
      const id = cmd === undefined ? 'bad_request' : 'not_found';
      hooks?.command?.({
        index,
        method: '',
        paramsJson: texts?.[index],
        channels: [],
        result: { ok: false, error: id },
      });
      return `{"error":${errorObject(id)}}`;
    }
    try {
      const r = invoke(
        ctx,
        hooks,
        index,
        method,
        (cmd as Struct<'Command'>)[method],
        paramsText(texts?.[index], method),
      );
      return r.ok ? `{"${method}":${r.result}}` : `{"error":${errorObject(r.error)}}`;
    } catch (err) {
      if (!(err instanceof GoMarshalError)) throw err;
      unencodable = err;
      return '';
    }
  });
  if (unencodable !== undefined) throw unencodable;
  return `{"replies":[${replies.join(',')}]}`;
}

/** The raw text of each element of the (last) `commands` array of a valid batch body. */
function itemTexts(text: string): string[] {
  const out: string[] = [];
  const names = fieldNames(['commands']);
  const start = skipSpace(text, 0);
  if (text.charCodeAt(start) !== 123) return out;
  let at = -1;
  forEachMember(text, start, (m) => {
    if (matchField(names, text, m.keyStart, m.keyEnd) === 0 && text.charCodeAt(m.valueStart) === 91) at = m.valueStart;
  });
  if (at >= 0) forEachElement(text, at, (s, e) => out.push(text.slice(s, e)));
  return out;
}

/** The value of the command's method key in its raw text (the last one that names it). */
function paramsText(item: string | undefined, method: CommandMethod): string | undefined {
  if (item === undefined || item.charCodeAt(0) !== 123) return undefined;
  const names = fieldNames([method]);
  let found: string | undefined;
  forEachMember(item, 0, (m) => {
    if (matchField(names, item, m.keyStart, m.keyEnd) === 0) found = item.slice(m.valueStart, m.valueEnd);
  });
  return found;
}
