/**
 * Fake connected clients: connections without a transport, for tests. What a websocket client
 * would receive is kept (pushes, newest last, bounded) with the close, if any. A fake client
 * subscribes as a client does, with its namespace's options (presence, join/leave, recovery,
 * positioning); client-protocol permissions are not checked, the namespace must exist.
 */
import { randomUUID } from 'node:crypto';
import { MockUsageError } from '../../errors.js';
import { goCompact } from '../../json/go-compact.js';
import type { Connection, ConnectionSink } from '../state/connections.js';
import type { NodeV6 } from '../state/node.js';
import { subscribe } from './connection-ops.js';

export const MAX_KEPT_PUSHES = 1000;

export interface FakeClientSpecV6 {
  readonly user: string;
  /** Client id; a UUID v4 is made up when absent. */
  readonly client?: string;
  readonly session?: string;
  /** Connection info (any JSON value): `conn_info` in presence, join and leave. */
  readonly info?: unknown;
  readonly channels?: readonly string[];
}

export class FakeSink implements ConnectionSink {
  readonly pushes: string[] = [];
  closed: { readonly code: number; readonly reason: string } | undefined;
  dropped = 0;

  push(json: string): void {
    if (this.closed !== undefined) return;
    if (this.pushes.push(json) > MAX_KEPT_PUSHES) {
      this.pushes.shift();
      this.dropped += 1;
    }
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }
}

export function connectFake(
  node: NodeV6,
  spec: FakeClientSpecV6,
): { readonly connection: Connection; readonly sink: FakeSink } {
  if (typeof spec !== 'object' || spec === null || typeof spec.user !== 'string')
    throw new MockUsageError('invalid_client', 'a fake client needs { user, client?, info?, channels? }');
  const client = spec.client ?? randomUUID();
  if (typeof client !== 'string' || client === '')
    throw new MockUsageError('invalid_client', 'client.client must be a non-empty string');
  if (node.connections.has(client))
    throw new MockUsageError('duplicate_client', `a client with id ${JSON.stringify(client)} is already connected`);
  if (spec.session !== undefined && typeof spec.session !== 'string')
    throw new MockUsageError('invalid_client', 'client.session must be a string');
  const channels = spec.channels ?? [];
  if (!Array.isArray(channels) || channels.some((ch) => typeof ch !== 'string' || ch === ''))
    throw new MockUsageError('invalid_client', 'client.channels must be a list of channel names');
  for (const ch of channels)
    if (node.channelOptions(ch) === undefined)
      throw new MockUsageError(
        'unknown_channel',
        `cannot subscribe to ${JSON.stringify(ch)}: its namespace is not configured`,
      );
  const sink = new FakeSink();
  const connection: Connection = {
    client,
    user: spec.user,
    session: spec.session ?? '',
    info: infoJson(spec.info),
    expireAt: 0,
    subs: new Map(),
    sink,
  };
  node.connections.add(connection);
  for (const ch of channels) subscribeFake(node, connection, ch);
  return { connection, sink };
}

/** A client-side subscribe with the namespace's options. */
export function subscribeFake(node: NodeV6, c: Connection, channel: string): void {
  const options = node.channelOptions(channel);
  if (options === undefined)
    throw new MockUsageError(
      'unknown_channel',
      `cannot subscribe to ${JSON.stringify(channel)}: its namespace is not configured`,
    );
  if (c.subs.has(channel))
    throw new MockUsageError(
      'already_subscribed',
      `client ${c.client} is already subscribed to ${JSON.stringify(channel)}`,
    );
  subscribe(node, c, channel, options, {
    presence: options.presence,
    joinLeave: options.joinLeave,
    pushJoinLeave: options.forcePushJoinLeave,
    recovery: options.forceRecovery,
    positioning: options.forcePositioning,
    chanInfo: '',
    data: '',
    expireAt: 0,
    recoverSince: undefined,
    serverSide: false,
  });
}

function infoJson(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new MockUsageError('invalid_client', 'client.info must be a JSON value');
  return goCompact(text);
}
