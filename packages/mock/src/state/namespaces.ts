/**
 * Channel name → channel options, as `node.go:716-730, 812-854` resolves it: strip one leading
 * `private_channel_prefix`; if the rest contains `namespace_channel_boundary`, the namespace is
 * the part before the first boundary (`""` meaning the top-level options); otherwise top level.
 * `$`, `#`, `&` have no other effect on the API.
 */
import type { ChannelOptions, ResolvedConfig } from '../config/types.js';

/** The channel's options, or undefined when its namespace is not configured. */
export function channelOptions(config: ResolvedConfig, channel: string): ChannelOptions | undefined {
  const name = namespaceOf(config, channel);
  if (name === '') return config.channelOptions;
  return config.namespaces.get(name);
}

export function namespaceOf(config: ResolvedConfig, channel: string): string {
  const prefix = config.privateChannelPrefix;
  const rest = prefix !== '' && channel.startsWith(prefix) ? channel.slice(prefix.length) : channel;
  const at = rest.indexOf(config.namespaceChannelBoundary);
  return at < 0 ? '' : rest.slice(0, at);
}

/** History is kept only when both size and lifetime are positive (`node.go:785-787`). */
export function keepsHistory(options: ChannelOptions): boolean {
  return options.history_size > 0 && options.history_lifetime > 0;
}
