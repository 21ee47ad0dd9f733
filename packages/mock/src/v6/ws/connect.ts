/**
 * The connect command (centrifuge connectCmd + Centrifugo OnClientConnecting), in order:
 * a second connect 3501; a token: expired or not yet valid 109, bad 3500, naming an unknown
 * namespace 102, anonymous when `disallow_anonymous_connection_tokens` 3507; no token: user ''
 * where `allow_anonymous_connect_without_token` or `client.insecure`, else 3501; channels the
 * client asks for in `subs` are added where it may subscribe (an unknown namespace is 3501);
 * more server-side subscriptions than `channel_limit` 3505; `user_connection_limit` 3504; an
 * expiry in the past 110. A failed connect (an error reply) leaves the connection unusable.
 * Then the connection is registered, its server-side subscriptions made, the reply written
 * (`subs` with each subscription's result), the joins announced, ping and expiry scheduled.
 */
import type { ChannelOptions } from '../config/types.js';
import { VERSION } from '../methods/node-info.js';
import type { Connection } from '../state/connections.js';
import { announceJoin, attach, NO_RECOVERY, type SubscribeSettings } from './attach.js';
import { DISCONNECT, ERR, drop, fail, type Outcome, type ReplyError } from './codes.js';
import { decodeConnectSubs, type ConnectRequest } from './command.js';
import { isPrivate, maySubscribe, validName } from './permissions.js';
import { connectResult, reply } from './replies.js';
import type { ClientSession } from './session.js';
import { fromToken, namespaceSettings } from './subscribe.js';
import { startKeepalive } from './keepalive.js';
import { verifyConnectToken } from './tokens.js';

/** client.Refresh and connect cap an expiry at a year ahead (maxTTLSeconds). */
export const MAX_TTL_SECONDS = 365 * 24 * 3600;

interface Credentials {
  readonly user: string;
  readonly expireAt: number;
  readonly info: string;
}

export async function connect(s: ClientSession, id: number, req: ConnectRequest): Promise<Outcome> {
  if (s.connection !== undefined) return drop(DISCONNECT.badRequest);
  const { node, config } = s.ctx;
  const asked = decodeConnectSubs(req.subs);
  if (asked === undefined) return drop(DISCONNECT.badRequest);
  const subs = new Map<string, SubscribeSettings>();
  let credentials: Credentials | undefined;
  let clientChannels = false;
  if (req.token !== '') {
    const v = await verifyConnectToken(node, config, req.token);
    // The socket may have closed while the token was checked: nothing may be registered for it then.
    if (s.isClosed) return undefined;
    if (!v.ok) {
      if (v.failure === 'invalid') return drop(DISCONNECT.invalidToken);
      s.unusable = true;
      return fail(
        v.failure === 'expired'
          ? ERR.tokenExpired
          : v.failure === 'unknown-channel'
            ? ERR.unknownChannel
            : ERR.internal,
      );
    }
    const t = v.token;
    if (t.user === '' && config.disallowAnonymousConnectionTokens) return drop(DISCONNECT.permissionDenied);
    credentials = { user: t.user, expireAt: node.config.client.insecure ? 0 : t.expireAt, info: t.info };
    for (const [ch, o] of t.subs) {
      const options = node.channelOptions(ch) as ChannelOptions;
      subs.set(ch, o === undefined ? namespaceSettings(options) : fromToken(options, o, 0));
    }
    clientChannels = true;
  } else if (node.config.client.allowAnonymousConnectWithoutToken || node.config.client.insecure) {
    credentials = { user: '', expireAt: 0, info: '' };
    clientChannels = true;
  }
  if (clientChannels) {
    for (const ch of asked.keys()) {
      const options = node.channelOptions(ch);
      if (options === undefined) return drop(DISCONNECT.badRequest);
      const user = credentials?.user ?? '';
      if (
        !isPrivate(node, ch) &&
        validName(node, options, ch) &&
        maySubscribe(node, options, ch, user) &&
        !subs.has(ch)
      )
        subs.set(ch, namespaceSettings(options));
    }
  }
  if (node.config.client.channelLimit > 0 && subs.size > node.config.client.channelLimit)
    return drop(DISCONNECT.channelLimit);
  if (credentials === undefined) return drop(DISCONNECT.badRequest);
  if (
    config.userConnectionLimit > 0 &&
    credentials.user !== '' &&
    node.connections.ofUser(credentials.user).length >= config.userConnectionLimit
  )
    return drop(DISCONNECT.connectionLimit);
  const now = Math.floor(node.clock.now() / 1000);
  const expireAt = Math.min(credentials.expireAt, now + MAX_TTL_SECONDS);
  if (expireAt > 0 && expireAt < now) {
    s.unusable = true;
    return fail(ERR.expired);
  }
  const c: Connection = {
    client: s.id,
    user: credentials.user,
    session: '',
    info: credentials.info,
    expireAt,
    subs: new Map(),
    sink: s,
  };
  s.connection = c;
  node.connections.add(c);
  const results = new Map<string, string>();
  for (const [ch, settings] of subs) {
    const want = asked.get(ch);
    const ask =
      want === undefined
        ? NO_RECOVERY
        : { ...NO_RECOVERY, recover: want.recover, offset: want.offset, epoch: want.epoch };
    const r = attach(s, c, ch, node.channelOptions(ch) as ChannelOptions, settings, ask);
    if ('error' in r) return subscribeFailed(s, c, r.error);
    results.set(ch, r.json);
  }
  const ping = s.framePingPong ? 0 : Number(node.config.client.pingInterval / 1_000_000_000n);
  s.write(
    reply(
      id,
      'connect',
      connectResult({
        client: c.client,
        version: VERSION,
        expires: expireAt > 0,
        ttl: expireAt > 0 ? expireAt - now : 0,
        subs: results,
        ping,
        pong: !s.framePingPong && node.config.client.pongTimeout > 0n,
        time: config.connectIncludeServerTime ? node.clock.now() : 0,
      }),
    ),
  );
  for (const ch of subs.keys()) announceJoin(node, c, ch);
  startKeepalive(s);
  return undefined;
}

/** A server-side subscription failed: the connect fails with its error, nothing stays registered. */
function subscribeFailed(s: ClientSession, c: Connection, error: ReplyError): Outcome {
  s.node.connections.remove(c.client);
  s.connection = undefined;
  s.unusable = true;
  return fail(error);
}
