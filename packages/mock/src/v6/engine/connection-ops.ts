/**
 * What the server API's subscribe, unsubscribe, disconnect and refresh do to connections
 * (centrifuge Hub and Client): the targets are a user's connections (`''` is the anonymous
 * user), narrowed by client id and session; each receives its pushes or is closed. Shared by the
 * API methods and the control API's fake clients.
 */
import { joinLeavePush, refreshPush, subscribePush, unsubscribePush } from '../encode/pushes.js';
import type { ChannelOptions } from '../config/types.js';
import type { Connection, Subscription } from '../state/connections.js';
import type { ClientInfo } from '../state/history-hub.js';
import type { NodeV6 } from '../state/node.js';
import { readHistory } from './read-history.js';

export const CLOSE = {
  forceDisconnect: [3503, 'force disconnect'],
  expired: [3005, 'connection expired'],
  channelLimit: [3505, 'channel limit'],
} as const;
export const SERVER_UNSUBSCRIBE = [2000, 'server unsubscribe'] as const;
/** client.Refresh caps an expiry at a year ahead (maxTTLSeconds). */
const MAX_TTL_SECONDS = 365 * 24 * 3600;
/** client.recovery_max_publication_limit. */
const RECOVERY_LIMIT = 300;

export function targets(
  node: NodeV6,
  user: string,
  client: string,
  session: string,
  except: readonly string[] = [],
): Connection[] {
  return node.connections
    .ofUser(user)
    .filter(
      (c) =>
        !except.includes(c.client) &&
        (client === '' || c.client === client) &&
        (session === '' || c.session === session),
    );
}

export interface SubscribeOptions {
  readonly presence: boolean;
  readonly joinLeave: boolean;
  readonly pushJoinLeave: boolean;
  readonly recovery: boolean;
  readonly positioning: boolean;
  readonly chanInfo: string;
  readonly data: string;
  /** Unix seconds; 0: never. */
  readonly expireAt: number;
  readonly recoverSince: { readonly offset: bigint; readonly epoch: string } | undefined;
  readonly serverSide: boolean;
}

/**
 * Subscribes one connection (Client.Subscribe → subscribeCmd); 'expired' when `expireAt` has
 * passed. A server-side subscription is announced with a subscribe push; a client's own gets a
 * reply instead (not a push). Subscribers that asked for join/leave see the join.
 */
export function subscribe(
  node: NodeV6,
  c: Connection,
  channel: string,
  options: ChannelOptions | undefined,
  o: SubscribeOptions,
): 'ok' | 'expired' {
  if (c.subs.size >= node.config.client.channelLimit && !c.subs.has(channel)) {
    close(node, [c], ...CLOSE.channelLimit);
    return 'ok';
  }
  if (o.expireAt > 0 && o.expireAt - Math.floor(node.clock.now() / 1000) <= 0) return 'expired';
  const sub: Subscription = {
    chanInfo: o.chanInfo,
    presence: o.presence,
    joinLeave: o.joinLeave,
    pushJoinLeave: o.pushJoinLeave,
    serverSide: o.serverSide,
  };
  node.connections.subscribe(c, channel, sub);
  let epoch = '';
  let offset = 0;
  if ((o.positioning || o.recovery) && options !== undefined) {
    const read = readHistory(
      node,
      channel,
      options,
      o.recovery && o.recoverSince !== undefined
        ? { limit: RECOVERY_LIMIT, since: o.recoverSince, reverse: false }
        : { limit: 0, since: undefined, reverse: false },
    );
    if (read.kind === 'read') {
      epoch = read.epoch;
      offset = read.offset;
      if (o.recovery && o.recoverSince !== undefined && !read.unrecoverable && recovered(read, o.recoverSince))
        offset = Number(o.recoverSince.offset);
    }
  }
  if (o.serverSide)
    c.sink.push(
      subscribePush(channel, {
        recoverable: o.recovery,
        epoch,
        offset,
        positioned: o.positioning || o.recovery,
        data: o.data,
      }),
    );
  if (o.joinLeave) joinLeave(node, channel, 'join', infoOf(c, sub));
  return 'ok';
}

export function recovered(
  read: { readonly publications: readonly { offset: number }[]; readonly offset: number; readonly epoch: string },
  since: { readonly offset: bigint; readonly epoch: string },
): boolean {
  if (since.epoch !== '' && since.epoch !== read.epoch) return false;
  const pubs = read.publications;
  if (pubs.length === 0) return BigInt(read.offset) === since.offset;
  return (
    BigInt((pubs[0] as { offset: number }).offset) === since.offset + 1n &&
    (pubs[pubs.length - 1] as { offset: number }).offset === read.offset
  );
}

/** Client.Unsubscribe: drops the subscription (others may see a leave), then the unsubscribe push, subscribed or not. */
export function unsubscribe(node: NodeV6, c: Connection, channel: string): void {
  const sub = node.connections.unsubscribe(c, channel);
  if (sub?.joinLeave) joinLeave(node, channel, 'leave', infoOf(c, sub));
  c.sink.push(unsubscribePush(channel, ...SERVER_UNSUBSCRIBE));
}

/** Closes connections together: they leave every channel, then the others see their leaves. */
export function close(node: NodeV6, conns: readonly Connection[], code: number, reason: string): void {
  const leaves: [string, ClientInfo][] = [];
  for (const c of conns) {
    if (node.connections.remove(c.client) === undefined) continue;
    for (const [channel, sub] of c.subs) if (sub.joinLeave) leaves.push([channel, infoOf(c, sub)]);
    c.sink.close(code, reason);
  }
  for (const [channel, info] of leaves) joinLeave(node, channel, 'leave', info);
}

/** Client.Refresh. */
export function refresh(
  node: NodeV6,
  c: Connection,
  r: { readonly expired: boolean; readonly expireAt: bigint; readonly info: string },
): void {
  if (r.expired) return close(node, [c], ...CLOSE.expired);
  const now = Math.floor(node.clock.now() / 1000);
  const expireAt = r.expireAt < BigInt(now + MAX_TTL_SECONDS) ? Number(r.expireAt) : now + MAX_TTL_SECONDS;
  const ttl = expireAt - now;
  if (expireAt > 0) {
    if (ttl <= 0) return close(node, [c], ...CLOSE.expired);
    c.expireAt = expireAt;
    if (r.info.length > 0) c.info = r.info;
  } else c.expireAt = 0;
  c.sink.push(refreshPush(expireAt > 0, ttl > 0 ? ttl : 0));
}

export function infoOf(c: Connection, sub: Subscription): ClientInfo {
  return { user: c.user, client: c.client, connInfo: c.info, chanInfo: sub.chanInfo };
}

export function joinLeave(node: NodeV6, channel: string, kind: 'join' | 'leave', info: ClientInfo): void {
  let json: string | undefined;
  for (const s of node.connections.subscribers(channel)) {
    if (!s.subs.get(channel)?.pushJoinLeave) continue;
    json ??= joinLeavePush(channel, kind, info);
    s.sink.push(json);
  }
}
