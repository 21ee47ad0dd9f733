/**
 * The legacy `POST <prefix>` route (Centrifugo v6 internal/api/handler_legacy.go, "to be
 * removed in v7"): the body is a stream of JSON values read one by one (json.Decoder), each
 * `{"id"?: uint32, "method"?: …, "params"?: raw}`; a bad value fails the request (400), but the
 * commands read before it run and keep their effect (the server runs each as it reads it). The
 * method is a name (upper-cased, looked up) or a number; an unknown name fails the decode, an
 * unknown number or a PRO name answers 104; no method is 0, publish. Params that do not decode
 * are 107 (not 400); `info` ignores them. Replies are one line per command, `\n`-joined:
 * `{"id"?,"error"?,"result"?}`. No transport error mode.
 */
import { checkJson, skipSpace } from '../../json/scan.js';
import { skipString, skipValue } from '../../json/walk.js';
import { decodeGoStructAt, goTable } from '../../json/go-decode.js';
import { handlers, type CommandMethod } from '../methods/index.js';
import { invoke, type ExecuteHooks } from './invoke.js';
import type { MethodContext } from '../methods/types.js';
import { decodeParams } from '../protocol.js';
import { errorObject } from './reply.js';

const LEGACY = goTable({ LegacyCommand: { id: 'uint32', method: 'raw', params: 'raw' } } as const);

/** The legacy method table (`Command_MethodType_value`): OSS methods by number, then the PRO names that answer 104. */
export const LEGACY_METHODS: ReadonlyMap<string, number> = new Map([
  ['PUBLISH', 0],
  ['BROADCAST', 1],
  ['UNSUBSCRIBE', 2],
  ['DISCONNECT', 3],
  ['PRESENCE', 4],
  ['PRESENCE_STATS', 5],
  ['HISTORY', 6],
  ['HISTORY_REMOVE', 7],
  ['CHANNELS', 8],
  ['INFO', 9],
  ['RPC', 10],
  ['SUBSCRIBE', 11],
  ['REFRESH', 12],
  ['CONNECTIONS', 14],
  ['UPDATE_USER_STATUS', 15],
  ['GET_USER_STATUS', 16],
  ['DELETE_USER_STATUS', 17],
  ['BLOCK_USER', 18],
  ['UNBLOCK_USER', 19],
  ['REVOKE_TOKEN', 20],
  ['INVALIDATE_USER_TOKENS', 21],
  ['DEVICE_REGISTER', 22],
  ['DEVICE_UPDATE', 23],
  ['DEVICE_REMOVE', 24],
  ['DEVICE_LIST', 25],
  ['DEVICE_TOPIC_LIST', 26],
  ['DEVICE_TOPIC_UPDATE', 27],
  ['USER_TOPIC_LIST', 28],
  ['USER_TOPIC_UPDATE', 29],
  ['SEND_PUSH_NOTIFICATION', 30],
  ['UPDATE_PUSH_STATUS', 31],
  ['CANCEL_PUSH', 32],
  ['MAP_PUBLISH', 33],
  ['MAP_REMOVE', 34],
  ['MAP_READ_STATE', 35],
  ['MAP_READ_STREAM', 36],
  ['MAP_STATS', 37],
  ['MAP_CLEAR', 38],
  ['SHARED_POLL_PUBLISH', 39],
]);
const OSS_BY_NUMBER: ReadonlyMap<number, CommandMethod> = new Map(
  [...LEGACY_METHODS]
    .filter(([name]) => name.toLowerCase() in handlers)
    .map(([name, n]) => [n, name.toLowerCase() as CommandMethod]),
);

/** One command of a legacy body: `method` undefined for a number or PRO name that answers 104 (not found). */
export interface LegacyCommand {
  readonly id: number;
  readonly method: CommandMethod | undefined;
  readonly params: string | undefined;
}

/**
 * The commands of a legacy body, in order, and whether reading stopped at a value that fails the
 * request (an HTTP 400 once the commands before it have run).
 */
export function readLegacyCommands(text: string): {
  readonly commands: readonly LegacyCommand[];
  readonly refused: boolean;
} {
  const commands: LegacyCommand[] = [];
  if (text.length === 0) return { commands, refused: true };
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const end = valueEnd(text, i);
    if (end === undefined || checkJson(text.slice(i, end)) !== undefined) return { commands, refused: true };
    const cmd = decodeGoStructAt(text.slice(i, end), 0, LEGACY, 'LegacyCommand');
    if (!cmd.ok) return { commands, refused: true };
    const number = cmd.value.method === undefined ? 0 : methodNumber(cmd.value.method);
    if (number === undefined) return { commands, refused: true };
    commands.push({ id: cmd.value.id, method: OSS_BY_NUMBER.get(number), params: cmd.value.params });
    i = skipSpace(text, end);
  }
  return { commands, refused: false };
}

/** The reply body, or 'bad-request' (after running what came before). */
export function runLegacy(ctx: MethodContext, text: string, hooks?: ExecuteHooks): string | 'bad-request' {
  const { commands, refused } = readLegacyCommands(text);
  const lines = commands.map((c, index) => runCommand(ctx, hooks, index, c));
  return refused ? 'bad-request' : lines.join('\n');
}

/** Where the value starting at i ends (objects and arrays by their brackets), or undefined at a bad start. */
function valueEnd(text: string, i: number): number | undefined {
  const c = text.charCodeAt(i);
  if (c === 123 || c === 91) return skipValue(text, i);
  if (c === 34) return skipString(text, i);
  for (const lit of ['null', 'true', 'false']) if (text.startsWith(lit, i)) return i + lit.length;
  const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  m.lastIndex = i;
  return m.exec(text) === null ? undefined : m.lastIndex;
}

/**
 * `CommandMethodType.UnmarshalJSON`: any value longer than two bytes has its inside (quotes or
 * not) upper-cased and looked up; otherwise, or when not found, the raw text must be a decimal
 * integer (strconv.Atoi), truncated to int32.
 */
function methodNumber(raw: string): number | undefined {
  if (raw.length > 2) {
    const known = LEGACY_METHODS.get(raw.slice(1, -1).toUpperCase());
    if (known !== undefined) return known;
  }
  if (!/^[+-]?\d+$/.test(raw)) return undefined;
  const n = BigInt(raw);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) return undefined;
  return Number(BigInt.asIntN(32, n));
}

function runCommand(
  ctx: MethodContext,
  hooks: ExecuteHooks | undefined,
  index: number,
  { id, method, params }: LegacyCommand,
): string {
  const head = id === 0 ? '{' : `{"id":${id},`;
  if (method === undefined) {
    hooks?.command?.({
      index,
      method: '',
      paramsJson: params,
      channels: [],
      result: { ok: false, error: 'not_found' },
    });
    return `${head}"error":${errorObject('not_found')}}`;
  }
  let value: unknown = {};
  if (method !== 'info') {
    const decoded = params === undefined ? undefined : decodeParams(method, params);
    if (decoded === undefined || !decoded.ok) {
      hooks?.command?.({
        index,
        method,
        paramsJson: params,
        channels: [],
        result: { ok: false, error: 'bad_request' },
      });
      return `${head}"error":${errorObject('bad_request')}}`;
    }
    value = decoded.value;
  }
  const r = invoke(ctx, hooks, index, method, value, params);
  return r.ok ? `${head}"result":${r.result}}` : `${head}"error":${errorObject(r.error)}}`;
}
