/**
 * subscribe, unsubscribe, disconnect and refresh (api.go) acting on a user's connections
 * (`engine/connection-ops.ts`). subscribe: empty channel 107, unknown namespace 102, bad
 * `b64data`/`b64info` 107 (decoded since v6.9.0); the namespace options are the defaults that
 * `override` replaces; an expiry in the past fails the connections it reaches (100). unsubscribe:
 * 102 only for a non-empty channel in an unknown namespace. `label_filter` and `all_users` are
 * not passed on by the OSS server: ignored here too. No connection matching is not an error.
 */
import { goBase64Decode } from '../../json/go-base64.js';
import { decodeKeptBytes } from '../../json/kept-bytes.js';
import {
  CLOSE,
  close,
  refresh as refreshOne,
  subscribe as subscribeOne,
  targets,
  unsubscribe as unsubscribeOne,
} from '../engine/connection-ops.js';
import { BAD_REQUEST, EMPTY, INTERNAL, UNKNOWN_CHANNEL, type Handler } from './types.js';

/** Decoded base64 bytes as text, bytes that are not UTF-8 kept (json/kept-bytes.ts). */
const text = (b: Buffer) => decodeKeptBytes(b).text;

export const subscribe: Handler<'subscribe'> = ({ node }, p) => {
  if (p.channel === '') return BAD_REQUEST;
  const options = node.channelOptions(p.channel);
  if (options === undefined) return UNKNOWN_CHANNEL;
  const o = p.override;
  const pick = (v: { readonly value: boolean } | undefined, fallback: boolean) =>
    v === undefined ? fallback : v.value;
  let data = p.data ?? '';
  if (p.b64data !== '') {
    const decoded = goBase64Decode(p.b64data);
    if (decoded === undefined) return BAD_REQUEST;
    data = text(decoded);
  }
  let info = p.info ?? '';
  if (p.b64info !== '') {
    const decoded = goBase64Decode(p.b64info);
    if (decoded === undefined) return BAD_REQUEST;
    info = text(decoded);
  }
  const settings = {
    presence: pick(o?.presence, options.presence),
    joinLeave: pick(o?.join_leave, options.joinLeave),
    pushJoinLeave: pick(o?.force_push_join_leave, options.forcePushJoinLeave),
    recovery: pick(o?.force_recovery, options.forceRecovery),
    positioning: pick(o?.force_positioning, options.forcePositioning),
    chanInfo: info,
    data,
    expireAt: Number(p.expire_at),
    recoverSince: p.recover_since,
    serverSide: true,
  };
  let failed = false;
  for (const c of targets(node, p.user, p.client, p.session))
    if (subscribeOne(node, c, p.channel, options, settings) === 'expired') failed = true;
  return failed ? INTERNAL : EMPTY;
};

export const unsubscribe: Handler<'unsubscribe'> = ({ node }, p) => {
  if (p.channel !== '' && node.channelOptions(p.channel) === undefined) return UNKNOWN_CHANNEL;
  for (const c of targets(node, p.user, p.client, p.session)) unsubscribeOne(node, c, p.channel);
  return EMPTY;
};

export const disconnect: Handler<'disconnect'> = ({ node }, p) => {
  const [code, reason] = p.disconnect === undefined ? CLOSE.forceDisconnect : [p.disconnect.code, p.disconnect.reason];
  close(node, targets(node, p.user, p.client, p.session, p.whitelist), code, reason);
  return EMPTY;
};

export const refresh: Handler<'refresh'> = ({ node }, p) => {
  for (const c of targets(node, p.user, p.client, p.session))
    refreshOne(node, c, { expired: p.expired, expireAt: p.expire_at, info: p.info ?? '' });
  return EMPTY;
};
