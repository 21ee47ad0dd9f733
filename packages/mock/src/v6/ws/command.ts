/**
 * A client command as the server decodes one line of a frame (centrifugal/protocol v0.19.2
 * `client.proto`, JSON): the first JSON value of the line goes into a Go struct with Go's rules
 * (keys in any case, unknown keys skipped, wrong types fail), and whatever follows it on the
 * line is ignored (the server's decoder parses one value and drops the rest). Any failure is
 * answered by closing the connection with 3501. The field tables below are the client
 * protocol's messages; they are not part of schema/centrifugo-v6 (the server API), so they are
 * written here, once.
 */
import { decodeGoStructAt, type GoStruct, type GoStructs } from '../../json/go-decode.js';
import { goTable } from '../../json/go-kinds.js';
import { checkJson, skipSpace } from '../../json/scan.js';
import { forEachMember, skipValue } from '../../json/walk.js';
import { unquote } from '../../json/unquote.js';

const STREAM_POSITION = { offset: 'uint64', epoch: 'string' } as const;

const commandStructs = {
  Command: {
    id: 'uint32',
    connect: { struct: 'ConnectRequest' },
    subscribe: { struct: 'SubscribeRequest' },
    unsubscribe: { struct: 'UnsubscribeRequest' },
    publish: { struct: 'PublishRequest' },
    presence: { struct: 'ChannelRequest' },
    presence_stats: { struct: 'ChannelRequest' },
    history: { struct: 'HistoryRequest' },
    ping: { struct: 'Empty' },
    send: { struct: 'SendRequest' },
    rpc: { struct: 'RPCRequest' },
    refresh: { struct: 'RefreshRequest' },
    sub_refresh: { struct: 'SubRefreshRequest' },
  },
  ConnectRequest: {
    token: 'string',
    data: 'raw',
    subs: 'raw',
    name: 'string',
    version: 'string',
    headers: 'string-map',
    flag: 'int64',
  },
  SubscribeRequest: {
    channel: 'string',
    token: 'string',
    recover: 'bool',
    epoch: 'string',
    offset: 'uint64',
    data: 'raw',
    positioned: 'bool',
    recoverable: 'bool',
    join_leave: 'bool',
    delta: 'string',
    tf: { struct: 'FilterNode' },
    flag: 'int64',
    type: 'int32',
    phase: 'int32',
    cursor: 'string',
    limit: 'int32',
    asc: 'bool',
  },
  FilterNode: {
    op: 'string',
    key: 'string',
    cmp: 'string',
    val: 'string',
    vals: 'strings',
    nodes: { list: 'FilterNode' },
  },
  UnsubscribeRequest: { channel: 'string' },
  PublishRequest: { channel: 'string', data: 'raw', type: 'int32', key: 'string', removed: 'bool' },
  ChannelRequest: { channel: 'string' },
  HistoryRequest: { channel: 'string', limit: 'int32', since: { struct: 'StreamPosition' }, reverse: 'bool' },
  StreamPosition: STREAM_POSITION,
  Empty: {},
  SendRequest: { data: 'raw' },
  RPCRequest: { data: 'raw', method: 'string' },
  RefreshRequest: { token: 'string' },
  SubRefreshRequest: { channel: 'string', token: 'string', type: 'int32' },
} as const satisfies GoStructs;

/** The client protocol's structs, compiled once. */
export const COMMAND_TABLE = goTable(commandStructs);

type Structs = typeof commandStructs;
export type Command = GoStruct<Structs, 'Command'>;
export type SubscribeRequest = GoStruct<Structs, 'SubscribeRequest'>;
export type ConnectRequest = GoStruct<Structs, 'ConnectRequest'>;

/** The command on one line, or undefined when the server would fail to decode it. */
export function decodeCommand(line: string): Command | undefined {
  const start = skipSpace(line, 0);
  if (start >= line.length) return undefined;
  const c = line.charCodeAt(start);
  const end = c === 123 ? skipValue(line, start) : start + 4;
  const value = line.slice(start, end);
  if (c !== 123 && value !== 'null') return undefined;
  if (checkJson(value) !== undefined) return undefined;
  const r = decodeGoStructAt(value, 0, COMMAND_TABLE, 'Command');
  return r.ok ? r.value : undefined;
}

/** The `subs` of a connect request (channel → what to recover), or undefined when they do not decode. */
export function decodeConnectSubs(raw: string | undefined): Map<string, SubscribeRequest> | undefined {
  const out = new Map<string, SubscribeRequest>();
  if (raw === undefined || raw === 'null') return out;
  if (raw.charCodeAt(0) !== 123) return undefined;
  let bad = false;
  forEachMember(raw, 0, (m) => {
    const r = decodeGoStructAt(raw, m.valueStart, COMMAND_TABLE, 'SubscribeRequest');
    if (!r.ok) bad = true;
    else out.set(unquote(raw, m.keyStart, m.keyEnd), r.value);
  });
  return bad ? undefined : out;
}

/** The command's one method: the first non-null request in proto order, as the server dispatches. */
export const METHODS = [
  'connect',
  'subscribe',
  'unsubscribe',
  'publish',
  'presence',
  'presence_stats',
  'history',
  'rpc',
  'send',
  'refresh',
  'sub_refresh',
] as const;
export type CommandMethod = (typeof METHODS)[number];

export function methodOf(cmd: Command): CommandMethod | undefined {
  for (const m of METHODS) if (cmd[m] !== undefined) return m;
  return undefined;
}
