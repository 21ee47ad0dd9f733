/**
 * The client's other commands (centrifuge client.go handle*, Centrifugo OnPublish, OnPresence,
 * OnPresenceStats, OnHistory, OnRefresh, OnSubRefresh). Each needs a channel (else 3501); then
 * unknown namespace 102, bad name 107, the feature off 108 (publish: data not in the
 * namespace's format 107), no permission 103. History limits are capped by
 * `client.history_max_publication_limit` (a negative limit means the cap); a reverse read from
 * offset 0 is 107, a stale epoch 112. rpc answers 108 (no RPC proxy), send closes 3508.
 */
import type { ChannelOptions } from '../config/types.js';
import { infoOf } from '../engine/connection-ops.js';
import { publishToStream } from '../engine/publish-stream.js';
import { readHistory } from '../engine/read-history.js';
import { fitsFormat } from '../methods/payload.js';
import type { Connection } from '../state/connections.js';
import { leave, trackExpiry } from './attach.js';
import { DISCONNECT, ERR, drop, fail, type Outcome, type ReplyError } from './codes.js';
import type { Command } from './command.js';
import { MAX_TTL_SECONDS } from './connect.js';
import { scheduleExpiry } from './keepalive.js';
import { allowed, validName, type Feature } from './permissions.js';
import { expiryResult, historyResult, presenceResult, presenceStatsResult, reply } from './replies.js';
import type { ClientSession } from './session.js';
import { verifyConnectToken, verifySubscribeToken } from './tokens.js';

type Req<K extends keyof Command> = NonNullable<Command[K]>;

/** The channel's options when the command may go on, else what to answer. */
function channelFor(
  s: ClientSession,
  channel: string,
  feature: Exclude<Feature, 'subscribe'> | undefined,
): { readonly options: ChannelOptions; readonly c: Connection } | Outcome {
  const c = s.connection as Connection;
  if (channel === '') return drop(DISCONNECT.badRequest);
  const options = s.node.channelOptions(channel);
  if (options === undefined) return fail(ERR.unknownChannel);
  if (!validName(s.node, options, channel)) return fail(ERR.badRequest);
  if (feature === 'presence' && !options.presence) return fail(ERR.notAvailable);
  if (feature === 'history' && (options.historySize <= 0 || options.historyTtl <= 0n)) return fail(ERR.notAvailable);
  if (feature !== undefined && !allowed(s.node, options, feature, { user: c.user, subscribed: c.subs.has(channel) }))
    return fail(ERR.permissionDenied);
  return { options, c };
}

const isOk = (r: ReturnType<typeof channelFor>): r is { readonly options: ChannelOptions; readonly c: Connection } =>
  r !== undefined && 'options' in r;

export function unsubscribe(s: ClientSession, id: number, channel: string): Outcome {
  if (channel === '') return drop(DISCONNECT.badRequest);
  leave(s, s.connection as Connection, channel);
  s.write(reply(id, 'unsubscribe', '{}'));
  return undefined;
}

export function publish(s: ClientSession, id: number, req: Req<'publish'>): Outcome {
  if (req.channel === '') return drop(DISCONNECT.badRequest);
  const r = channelFor(s, req.channel, undefined);
  if (!isOk(r)) return r;
  const data = req.data ?? '';
  if (!fitsFormat(data, r.options.publicationDataFormat)) return fail(ERR.badRequest);
  if (!allowed(s.node, r.options, 'publish', { user: r.c.user, subscribed: r.c.subs.has(req.channel) }))
    return fail(ERR.permissionDenied);
  const sub = r.c.subs.get(req.channel);
  const info = { user: r.c.user, client: r.c.client, connInfo: r.c.info, chanInfo: sub?.chanInfo ?? '' };
  publishToStream(s.node, req.channel, r.options, {
    data,
    tags: undefined,
    idempotencyKey: '',
    skipHistory: false,
    version: 0n,
    versionEpoch: '',
    info,
  });
  s.write(reply(id, 'publish', '{}'));
  return undefined;
}

export function presence(s: ClientSession, id: number, channel: string): Outcome {
  const r = channelFor(s, channel, 'presence');
  if (!isOk(r)) return r;
  const present = s.node.connections.subscribers(channel).flatMap((c) => {
    const sub = c.subs.get(channel);
    return sub?.presence ? [infoOf(c, sub)] : [];
  });
  s.write(reply(id, 'presence', presenceResult(present)));
  return undefined;
}

export function presenceStats(s: ClientSession, id: number, channel: string): Outcome {
  const r = channelFor(s, channel, 'presence');
  if (!isOk(r)) return r;
  const present = s.node.connections.subscribers(channel).filter((c) => c.subs.get(channel)?.presence === true);
  s.write(reply(id, 'presence_stats', presenceStatsResult(present.length, new Set(present.map((c) => c.user)).size)));
  return undefined;
}

export function history(s: ClientSession, id: number, req: Req<'history'>): Outcome {
  const r = channelFor(s, req.channel, 'history');
  if (!isOk(r)) return r;
  const max = s.ctx.config.historyMaxPublicationLimit;
  const limit = max > 0 && (req.limit < 0 || req.limit > max) ? max : req.limit;
  const read = readHistory(s.node, req.channel, r.options, { limit, since: req.since, reverse: req.reverse });
  if (read.kind === 'bad-request') return fail(ERR.badRequest);
  if (read.unrecoverable) return fail(ERR.unrecoverablePosition);
  s.write(
    reply(
      id,
      'history',
      historyResult(
        read.publications.map((p) => ({ ...p, epoch: read.epoch })),
        read.epoch,
        read.offset,
      ),
    ),
  );
  return undefined;
}

export const rpc = (): Outcome => fail(ERR.notAvailable);
export const send = (): Outcome => drop(DISCONNECT.notAvailable);

/** The client's own token refresh: a new token for the same user moves the expiry (and info) on. */
export async function refresh(s: ClientSession, id: number, token: string): Promise<Outcome> {
  const c = s.connection as Connection;
  if (token === '') return drop(DISCONNECT.badRequest);
  const v = await verifyConnectToken(s.node, s.ctx.config, token);
  if (!v.ok)
    return v.failure === 'expired'
      ? drop(DISCONNECT.expired)
      : v.failure === 'invalid'
        ? drop(DISCONNECT.invalidToken)
        : fail(tokenError(v.failure));
  if (v.token.user !== c.user) return drop(DISCONNECT.invalidToken);
  const now = Math.floor(s.node.clock.now() / 1000);
  const expireAt = Math.min(s.node.config.client.insecure ? 0 : v.token.expireAt, now + MAX_TTL_SECONDS);
  const ttl = expireAt - now;
  if (expireAt > 0) {
    if (ttl <= 0) return fail(ERR.expired);
    c.expireAt = expireAt;
    if (v.token.info !== '') c.info = v.token.info;
    scheduleExpiry(s);
  }
  s.write(reply(id, 'refresh', expiryResult(expireAt > 0, ttl > 0 ? ttl : 0)));
  return undefined;
}

/** A new subscription token for a subscribed channel. */
export async function subRefresh(s: ClientSession, id: number, req: Req<'sub_refresh'>): Promise<Outcome> {
  const c = s.connection as Connection;
  if (req.channel === '') return drop(DISCONNECT.badRequest);
  if (!c.subs.has(req.channel)) return fail(ERR.permissionDenied);
  if (req.token === '') return fail(ERR.badRequest);
  const v = await verifySubscribeToken(s.node, s.ctx.config, req.token);
  let expireAt = 0;
  if (!v.ok) {
    if (v.failure === 'invalid') return drop(DISCONNECT.invalidToken);
    if (v.failure !== 'expired') return fail(tokenError(v.failure));
  } else {
    const t = v.token;
    if (t.channel !== req.channel || t.user !== c.user || (t.client !== '' && t.client !== c.client))
      return drop(DISCONNECT.invalidToken);
    const now = Math.floor(s.node.clock.now() / 1000);
    expireAt = Math.min(t.expireAt, now + MAX_TTL_SECONDS);
    if (expireAt > 0 && expireAt < now) return fail(ERR.expired);
  }
  if (!c.subs.has(req.channel)) return fail(ERR.permissionDenied);
  const now = Math.floor(s.node.clock.now() / 1000);
  trackExpiry(s, c, req.channel, expireAt);
  s.write(reply(id, 'sub_refresh', expiryResult(expireAt > 0, expireAt > 0 ? expireAt - now : 0)));
  return undefined;
}

function tokenError(failure: 'unknown-channel' | 'internal'): ReplyError {
  return failure === 'unknown-channel' ? ERR.unknownChannel : ERR.internal;
}
