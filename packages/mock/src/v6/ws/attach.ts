/**
 * Subscribing a connection to a channel once it is allowed (centrifuge client.go subscribeCmd),
 * for a client's subscribe command and for the server-side subscriptions of a connection token:
 * an expiry in the past is 110; with positioning or recovery the stream's position (the stream
 * is created, with its epoch, when absent) and, when the client asks to recover from an offset
 * and epoch, the publications after it (up to `recovery_max_publication_limit`): recovered when
 * they join the client's position to the top, else none (112 instead when the client set flag 2).
 * A recovered reply carries the requested offset. The subscription is registered only when
 * nothing failed; the caller writes the reply, then announces the join.
 */
import type { ChannelOptions } from '../config/types.js';
import { unsubscribePush } from '../encode/pushes.js';
import { joinLeave, infoOf, recovered } from '../engine/connection-ops.js';
import { readHistory } from '../engine/read-history.js';
import type { Connection, Subscription } from '../state/connections.js';
import type { NodeV6 } from '../state/node.js';
import { ERR, UNSUBSCRIBE_EXPIRED, type ReplyError } from './codes.js';
import { subscribeResult, type SubscribeResult } from './replies.js';
import type { ClientSession } from './session.js';

export interface SubscribeSettings {
  readonly presence: boolean;
  readonly joinLeave: boolean;
  readonly pushJoinLeave: boolean;
  readonly recovery: boolean;
  readonly positioning: boolean;
  readonly chanInfo: string;
  readonly data: string;
  /** Unix seconds; 0: never. */
  readonly expireAt: number;
}

export interface RecoveryAsk {
  readonly recover: boolean;
  readonly offset: bigint;
  readonly epoch: string;
  readonly rejectUnrecovered: boolean;
  /** The delta type granted ('' none). */
  readonly delta: boolean;
}

export const NO_RECOVERY: RecoveryAsk = {
  recover: false,
  offset: 0n,
  epoch: '',
  rejectUnrecovered: false,
  delta: false,
};

/** The SubscribeResult JSON, or the error; on success the connection is subscribed. */
export function attach(
  s: ClientSession,
  c: Connection,
  channel: string,
  options: ChannelOptions,
  o: SubscribeSettings,
  ask: RecoveryAsk,
): { readonly json: string } | { readonly error: ReplyError } {
  const node = s.node;
  const now = Math.floor(node.clock.now() / 1000);
  const ttl = o.expireAt > 0 ? o.expireAt - now : 0;
  if (o.expireAt > 0 && ttl <= 0) return { error: ERR.expired };
  const result: { -readonly [K in keyof SubscribeResult]: SubscribeResult[K] } = {
    expires: o.expireAt > 0,
    ttl,
    recoverable: false,
    epoch: '',
    publications: [],
    recovered: false,
    offset: 0,
    positioned: false,
    data: o.data,
    wasRecovering: ask.recover,
    delta: ask.delta,
  };
  if (o.positioning || o.recovery) {
    result.positioned = true;
    result.recoverable = o.recovery;
    const since = o.recovery && ask.recover ? { offset: ask.offset, epoch: ask.epoch } : undefined;
    const limit =
      since === undefined
        ? 0
        : s.ctx.config.recoveryMaxPublicationLimit > 0
          ? s.ctx.config.recoveryMaxPublicationLimit
          : -1;
    const read = readHistory(node, channel, options, { limit, since, reverse: false });
    if (read.kind === 'bad-request') return { error: ERR.internal };
    result.epoch = read.epoch;
    result.offset = read.offset;
    if (since !== undefined) {
      const ok = !read.unrecoverable && recovered(read, since);
      if (!ok && ask.rejectUnrecovered) return { error: ERR.unrecoverablePosition };
      if (ok) {
        result.recovered = true;
        result.publications = read.publications.map((p) => ({ ...p, epoch: read.epoch }));
        result.offset = Number(ask.offset);
      }
    }
  }
  const sub: Subscription = {
    chanInfo: o.chanInfo,
    presence: o.presence,
    joinLeave: o.joinLeave,
    pushJoinLeave: o.pushJoinLeave,
    serverSide: false,
  };
  node.connections.subscribe(c, channel, sub);
  trackExpiry(s, c, channel, o.expireAt);
  return { json: subscribeResult(result) };
}

/** After the reply: others (and itself, when it asked) see the join. */
export function announceJoin(node: NodeV6, c: Connection, channel: string): void {
  const sub = c.subs.get(channel);
  if (sub?.joinLeave) joinLeave(node, channel, 'join', infoOf(c, sub));
}

/** A subscription with an expiring token ends (2501) `expired_sub_close_delay` after expiry unless refreshed. */
export function trackExpiry(s: ClientSession, c: Connection, channel: string, expireAt: number): void {
  if (expireAt <= 0) {
    s.subExpiry.delete(channel);
    s.timers.clear(`sub:${channel}`);
    return;
  }
  s.subExpiry.set(channel, expireAt);
  const now = Math.floor(s.node.clock.now() / 1000);
  s.timers.set(`sub:${channel}`, (expireAt - now) * 1000 + s.ctx.config.expiredSubCloseDelayMs, () => {
    const at = s.subExpiry.get(channel);
    if (at === undefined || !c.subs.has(channel)) return;
    if (at > Math.floor(s.node.clock.now() / 1000)) return trackExpiry(s, c, channel, at);
    leave(s, c, channel);
    s.write(unsubscribePush(channel, UNSUBSCRIBE_EXPIRED.code, UNSUBSCRIBE_EXPIRED.reason));
  });
}

/** Leaves a channel as a client unsubscribe does: others may see the leave; no push to itself. */
export function leave(s: ClientSession, c: Connection, channel: string): void {
  const sub = s.node.connections.unsubscribe(c, channel);
  trackExpiry(s, c, channel, 0);
  if (sub?.joinLeave) joinLeave(s.node, channel, 'leave', infoOf(c, sub));
}
