/**
 * The client's subscribe command, checks in the server's order: empty channel 3501, a
 * shared-poll namespace without the shared-poll type 107, shared-poll subscriptions 108 (the
 * mock does not serve them, nor map ones: those are checked as the server checks them, then
 * answered 108 where the server would subscribe), an unknown delta type
 * 3501, name too long 107, already subscribed 105, over `client.channel_limit` 106; then
 * Centrifugo's own (internal/client/handler.go OnSubscribe): unknown namespace 102, bad name 107,
 * a non-stream namespace 103, a private channel without token 103; a subscription token
 * (expired 109, bad 103, another channel, user or client 3500) or the namespace's permissions
 * (103). Asked-for positioning, recovery and join/leave are granted by `allow_*` flags or
 * history/presence access. Then `attach`, the reply, the join.
 */
import type { ChannelOptions } from '../config/types.js';
import { announceJoin, attach, type SubscribeSettings } from './attach.js';
import { DISCONNECT, ERR, drop, fail, type Outcome } from './codes.js';
import type { SubscribeRequest } from './command.js';
import { allowed, isPrivate, maySubscribe, validName } from './permissions.js';
import { reply } from './replies.js';
import type { ClientSession } from './session.js';
import { verifySubscribeToken, type TokenSubscribeOptions } from './tokens.js';

const FLAG_REJECT_UNRECOVERED = 2n;
const SHARED_POLL = 4;
/** centrifuge SubscriptionType names, by number (map subscriptions are checked like the server, then not served). */
const TYPE_NAMES = ['stream', 'map', 'map_clients', 'map_users'];

export async function subscribe(s: ClientSession, id: number, req: SubscribeRequest): Promise<Outcome> {
  const c = s.connection;
  if (c === undefined || req.channel === '') return drop(DISCONNECT.badRequest);
  const ch = req.channel;
  const { config, node } = s.ctx;
  const sharedPoll = node.channelOptions(ch)?.subscriptionType === 'shared_poll';
  if (sharedPoll && req.type !== SHARED_POLL) return fail(ERR.badRequest);
  if (req.type === SHARED_POLL) return fail(ERR.notAvailable);
  if (req.delta !== '' && req.delta !== 'fossil') return drop(DISCONNECT.badRequest);
  if (config.channelMaxLength > 0 && Buffer.byteLength(ch) > config.channelMaxLength) return fail(ERR.badRequest);
  if (c.subs.has(ch)) return fail(ERR.alreadySubscribed);
  if (node.config.client.channelLimit > 0 && c.subs.size >= node.config.client.channelLimit)
    return fail(ERR.limitExceeded);
  const options = node.channelOptions(ch);
  if (options === undefined) return fail(ERR.unknownChannel);
  if (!validName(node, options, ch)) return fail(ERR.badRequest);
  if ((options.subscriptionType || 'stream') !== TYPE_NAMES[req.type]) return fail(ERR.permissionDenied);
  if (isPrivate(node, ch) && req.token === '') return fail(ERR.permissionDenied);

  let settings: SubscribeSettings;
  if (req.token !== '') {
    const v = await verifySubscribeToken(node, config, req.token);
    // The socket may have closed while the token was checked: nothing may be attached to it then.
    if (s.isClosed) return undefined;
    if (!v.ok)
      return v.failure === 'expired'
        ? fail(ERR.tokenExpired)
        : v.failure === 'unknown-channel'
          ? fail(ERR.unknownChannel)
          : fail(ERR.permissionDenied);
    const t = v.token;
    if (t.channel !== ch || t.user !== c.user || (t.client !== '' && t.client !== c.client))
      return drop(DISCONNECT.invalidToken);
    settings = fromToken(options, t, t.expireAt);
  } else if (maySubscribe(node, options, ch, c.user)) settings = namespaceSettings(options);
  else return fail(ERR.permissionDenied);
  if (req.type !== 0) return fail(ERR.notAvailable);

  const actor = { user: c.user, subscribed: true };
  const history = allowed(node, options, 'history', actor);
  settings = {
    ...settings,
    positioning: settings.positioning || (req.positioned && (options.allowPositioning || history)),
    recovery: settings.recovery || (req.recoverable && (options.allowRecovery || history)),
    pushJoinLeave:
      settings.pushJoinLeave || (req.join_leave && options.joinLeave && allowed(node, options, 'presence', actor)),
  };
  const delta = req.delta !== '' && options.allowedDeltaTypes.includes(req.delta);
  const ask = {
    recover: req.recover,
    offset: req.offset,
    epoch: req.epoch,
    rejectUnrecovered: (req.flag & FLAG_REJECT_UNRECOVERED) !== 0n,
    delta,
  };
  const r = attach(s, c, ch, options, settings, ask);
  if ('error' in r) return fail(r.error);
  s.write(reply(id, 'subscribe', r.json));
  announceJoin(node, c, ch);
  return undefined;
}

export function namespaceSettings(o: ChannelOptions): SubscribeSettings {
  return {
    presence: o.presence,
    joinLeave: o.joinLeave,
    pushJoinLeave: o.forcePushJoinLeave,
    recovery: o.forceRecovery,
    positioning: o.forcePositioning,
    chanInfo: '',
    data: '',
    expireAt: 0,
  };
}

/** A token's options: the namespace's, overridden where the token says. */
export function fromToken(o: ChannelOptions, t: TokenSubscribeOptions, expireAt: number): SubscribeSettings {
  const v = t.override ?? {};
  return {
    presence: v.presence ?? o.presence,
    joinLeave: v.join_leave ?? o.joinLeave,
    pushJoinLeave: v.force_push_join_leave ?? o.forcePushJoinLeave,
    recovery: v.force_recovery ?? o.forceRecovery,
    positioning: v.force_positioning ?? o.forcePositioning,
    chanInfo: t.info,
    data: t.data,
    expireAt,
  };
}
