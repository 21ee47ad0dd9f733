/**
 * Whether a client may subscribe to a channel, as Centrifugo 1.8.0's client `subscribeCmd`
 * decides (`conns/clientconn/conn.go`, `node.go` userAllowed/clientAllowed): the namespace must
 * exist; a channel with the user boundary (`#42,43`) admits only the users listed after the last
 * `#`; one with the client boundary (`&id`) only the connection named after the last `&`; and an
 * anonymous client (user "") only channels whose options have `anonymous` (or with `insecure`).
 * Private channels (`$`) need a signed subscription from a real client; fake clients skip it.
 */
import type { ResolvedConfig } from '../config/types.js';
import { channelOptions } from './namespaces.js';

/** Why the subscription would be refused, or undefined. */
export function subscribeRefusal(
  config: ResolvedConfig,
  channel: string,
  user: string,
  client: string,
): string | undefined {
  const options = channelOptions(config, channel);
  if (options === undefined) return 'namespace not found';
  if (channel.includes(config.userChannelBoundary)) {
    const allowed = channel.split(config.userChannelBoundary).at(-1)?.split(config.userChannelSeparator) ?? [];
    if (!allowed.includes(user))
      return `permission denied: only users ${allowed.map((u) => JSON.stringify(u)).join(', ')} may subscribe`;
  }
  if (channel.includes(config.clientChannelBoundary) && channel.split(config.clientChannelBoundary).at(-1) !== client) {
    return 'permission denied: only the connection named after the client boundary may subscribe';
  }
  if (user === '' && !options.anonymous && !config.insecure)
    return 'permission denied: an anonymous client (user "") may subscribe only where the channel options have anonymous: true';
  return undefined;
}
