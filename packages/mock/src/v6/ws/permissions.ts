/**
 * Who may do what over the client protocol (Centrifugo v6 internal/client/handler.go): the
 * namespace's `allow_*` flags (for a named user, or for anonymous ones where `_for_anonymous`
 * is on; `_for_subscriber` while subscribed), `client.insecure` allowing everything, private
 * channels (`$`) needing a subscription token, user-limited channels (`news#u1,u2`) open to the
 * users they name, and the channel-name rule (a `channel_regex` on the name after the
 * namespace, else ASCII only).
 */
import type { ChannelOptions } from '../config/types.js';
import type { NodeV6 } from '../state/node.js';

export type Feature = 'subscribe' | 'publish' | 'presence' | 'history';

export interface Actor {
  readonly user: string;
  /** Whether the connection is subscribed to the channel (or about to be, for subscribe's own checks). */
  readonly subscribed: boolean;
}

const flag = (o: ChannelOptions, key: string): boolean => o.allow[key] === true;

/** `allow_<feature>_for_client|subscriber` (with `_for_anonymous` for user ''), or insecure mode. */
export function allowed(node: NodeV6, o: ChannelOptions, feature: Exclude<Feature, 'subscribe'>, a: Actor): boolean {
  const userOk = a.user !== '' || flag(o, `allow_${feature}_for_anonymous`);
  if (flag(o, `allow_${feature}_for_client`) && userOk) return true;
  if (flag(o, `allow_${feature}_for_subscriber`) && a.subscribed && userOk) return true;
  return node.config.client.insecure;
}

export function isPrivate(node: NodeV6, channel: string): boolean {
  const prefix = node.config.channel.privatePrefix;
  return prefix !== '' && channel.startsWith(prefix);
}

const USER_BOUNDARY = '#';
const USER_SEPARATOR = ',';

/** A user-limited channel of a namespace that allows them, and whether `user` is one of its users. */
export function userLimited(
  o: ChannelOptions,
  channel: string,
  user: string,
): { readonly limited: boolean; readonly allowed: boolean } {
  if (!flag(o, 'allow_user_limited_channels') || !channel.includes(USER_BOUNDARY))
    return { limited: false, allowed: false };
  const users = (channel.split(USER_BOUNDARY).pop() as string).split(USER_SEPARATOR);
  return { limited: true, allowed: user !== '' && users.includes(user) };
}

/** `validChannelName`: `channel_regex` against the name after the namespace, else ASCII only. */
export function validName(node: NodeV6, o: ChannelOptions, channel: string): boolean {
  if (o.channelRegex !== '') return new RegExp(o.channelRegex, 'u').test(restOf(node, channel));
  return /^[\x00-\x7f]*$/.test(channel);
}

function restOf(node: NodeV6, channel: string): string {
  const { privatePrefix, namespaceBoundary } = node.config.channel;
  const trimmed =
    privatePrefix !== '' && channel.startsWith(privatePrefix) ? channel.slice(privatePrefix.length) : channel;
  const at = namespaceBoundary === '' ? -1 : trimmed.indexOf(namespaceBoundary);
  return at < 0 ? channel : trimmed.slice(at + namespaceBoundary.length);
}

/** May the client subscribe without a token (OnSubscribe's last branches)? */
export function maySubscribe(node: NodeV6, o: ChannelOptions, channel: string, user: string): boolean {
  const limited = userLimited(o, channel, user);
  if (limited.limited) return limited.allowed || node.config.client.insecure;
  if (flag(o, 'allow_subscribe_for_client') && (user !== '' || flag(o, 'allow_subscribe_for_anonymous'))) return true;
  return node.config.client.insecure;
}
