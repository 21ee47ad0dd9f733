/**
 * Channel options (`channel.without_namespace`, `channel.namespaces[]`): read with their
 * defaults, and checked as `validateChannelOptions` does (Centrifugo v6.9.1
 * internal/config/validate.go), in its order and with its error texts. Proxies are not
 * emulated: only the checks that need no proxy config (and the shared-poll refresh endpoint
 * a shared-poll namespace requires) are made.
 */
import { formatGoDuration } from './go-duration.js';
import { readBool, readDuration, readInt, readString, readStrings, section, type Section } from './read-value.js';
import type { ChannelOptions } from './types.js';

/** Keys of a channel options object (a namespace adds `name`): anything else is an unknown key. */
export const CHANNEL_OPTION_KEYS: ReadonlySet<string> = new Set([
  'presence',
  'join_leave',
  'force_push_join_leave',
  'map_clients_presence_channel_prefix',
  'map_users_presence_channel_prefix',
  'history_size',
  'history_ttl',
  'history_meta_ttl',
  'force_positioning',
  'allow_positioning',
  'force_recovery',
  'allow_recovery',
  'force_recovery_mode',
  'auto_cache_recover',
  'allowed_delta_types',
  'allow_tags_filter',
  'delta_publish',
  'allow_subscribe_for_anonymous',
  'allow_subscribe_for_client',
  'allow_publish_for_anonymous',
  'allow_publish_for_subscriber',
  'allow_publish_for_client',
  'allow_presence_for_anonymous',
  'allow_presence_for_subscriber',
  'allow_presence_for_client',
  'allow_history_for_anonymous',
  'allow_history_for_subscriber',
  'allow_history_for_client',
  'allow_user_limited_channels',
  'channel_regex',
  'publication_data_format',
  'subscribe_proxy_enabled',
  'subscribe_proxy_name',
  'publish_proxy_enabled',
  'publish_proxy_name',
  'sub_refresh_proxy_enabled',
  'sub_refresh_proxy_name',
  'subscribe_stream_proxy_enabled',
  'subscribe_stream_proxy_name',
  'subscribe_stream_proxy_bidirectional',
  'subscription_type',
  'map',
  'shared_poll',
]);

const ALLOW_KEYS = [...CHANNEL_OPTION_KEYS].filter(
  (k) => k.startsWith('allow_') && k !== 'allowed_delta_types' && k !== 'allow_positioning' && k !== 'allow_recovery',
);

export function readChannelOptions(s: Section, path: string): ChannelOptions {
  const map = section(s, 'map', path);
  const sharedPoll = section(s, 'shared_poll', path);
  const mapPath = `${path}.map`;
  const allow: Record<string, boolean> = {};
  for (const k of ALLOW_KEYS) allow[k] = readBool(s, k, path);
  return {
    presence: readBool(s, 'presence', path),
    joinLeave: readBool(s, 'join_leave', path),
    forcePushJoinLeave: readBool(s, 'force_push_join_leave', path),
    historySize: readInt(s, 'history_size', path),
    historyTtl: readDuration(s, 'history_ttl', path),
    historyMetaTtl: readDuration(s, 'history_meta_ttl', path),
    forcePositioning: readBool(s, 'force_positioning', path),
    allowPositioning: readBool(s, 'allow_positioning', path),
    forceRecovery: readBool(s, 'force_recovery', path),
    allowRecovery: readBool(s, 'allow_recovery', path),
    forceRecoveryMode: readString(s, 'force_recovery_mode', path),
    autoCacheRecover: readBool(s, 'auto_cache_recover', path),
    allowedDeltaTypes: readStrings(s, 'allowed_delta_types', path),
    deltaPublish: readBool(s, 'delta_publish', path),
    channelRegex: readString(s, 'channel_regex', path),
    publicationDataFormat: readString(s, 'publication_data_format', path),
    subscriptionType: readString(s, 'subscription_type', path),
    map: {
      mode: readString(map, 'mode', mapPath) as ChannelOptions['map']['mode'],
      keyTtl: readDuration(map, 'key_ttl', mapPath),
      streamSize: readInt(map, 'stream_size', mapPath),
      streamTtl: readDuration(map, 'stream_ttl', mapPath),
      metaTtl: readDuration(map, 'meta_ttl', mapPath),
      clientKey: readString(map, 'client_key', mapPath),
    },
    sharedPoll: {
      mode: readString(sharedPoll, 'mode', `${path}.shared_poll`),
      publishEnabled: readBool(sharedPoll, 'publish_enabled', `${path}.shared_poll`),
      proxyName: readString(sharedPoll, 'proxy_name', `${path}.shared_poll`),
    },
    allow,
  };
}

/** What the rest of the config contributes to a namespace's checks. */
export interface ChannelCheckContext {
  readonly globalHistoryMetaTtl: bigint;
  readonly sharedPollSecret: string;
  readonly sharedPollRefreshEndpoint: string;
  readonly sharedPollRefreshTimeout: bigint;
}

const SECOND = 1_000_000_000n;
const q = (s: string) => JSON.stringify(s);

/** The server's error text for these options, or undefined when it accepts them. */
export function channelOptionsProblem(c: ChannelOptions, ctx: ChannelCheckContext): string | undefined {
  for (const [key, d] of [
    ['history_ttl', c.historyTtl],
    ['history_meta_ttl', c.historyMetaTtl],
  ] as const) {
    if (d > 0n && d % SECOND !== 0n)
      return `in ${key}: malformed duration ${formatGoDuration(d)}, sub-second precision is not supported for this key`;
  }
  if ((c.historySize !== 0 && c.historyTtl === 0n) || (c.historySize === 0 && c.historyTtl !== 0n))
    return 'both history size and history ttl required for history';
  const metaTtl = c.historyMetaTtl !== 0n ? c.historyMetaTtl : ctx.globalHistoryMetaTtl;
  if (metaTtl < c.historyTtl)
    return `history ttl (${formatGoDuration(c.historyTtl)}) can not be greater than history meta ttl (${formatGoDuration(metaTtl)})`;
  if (c.forceRecovery && (c.historySize === 0 || c.historyTtl === 0n))
    return 'both history size and history ttl required for recovery';
  if (c.autoCacheRecover && (!c.forceRecovery || c.forceRecoveryMode !== 'cache'))
    return 'auto_cache_recover requires force_recovery and force_recovery_mode set to cache';
  if (c.channelRegex !== '' && !compiles(c.channelRegex))
    return `invalid channel regex ${c.channelRegex}: error parsing regexp`;
  for (const dt of c.allowedDeltaTypes) if (dt !== 'fossil') return `unknown allowed delta type: ${q(dt)}`;
  if (!['', 'stream', 'cache'].includes(c.forceRecoveryMode)) return `unknown recovery mode: ${q(c.forceRecoveryMode)}`;
  if (!['', 'json', 'json_object', 'binary'].includes(c.publicationDataFormat))
    return `unknown publication_data_format: ${q(c.publicationDataFormat)}`;
  const m = c.map;
  if (m.clientKey !== '' && !['client_id', 'user_id'].includes(m.clientKey))
    return `unknown map.client_key: ${q(m.clientKey)} (valid: "client_id", "user_id")`;
  if (
    c.subscriptionType !== '' &&
    !['stream', 'map', 'map_clients', 'map_users', 'shared_poll'].includes(c.subscriptionType)
  )
    return `unknown subscription_type: ${q(c.subscriptionType)}`;
  if (c.subscriptionType === 'shared_poll') {
    if (ctx.sharedPollSecret === '')
      return 'shared_poll.hmac_secret_key is required when subscription_type is "shared_poll"';
    if (c.sharedPoll.proxyName === '' || c.sharedPoll.proxyName === 'default') {
      if (ctx.sharedPollRefreshTimeout === 0n) return 'in channel.proxy.shared_poll_refresh: timeout not set';
      if (ctx.sharedPollRefreshEndpoint === '') return 'in channel.proxy.shared_poll_refresh: endpoint not set';
    } else return `shared poll proxy with name ${q(c.sharedPoll.proxyName)} not found`;
    if (!['', 'versionless', 'versioned'].includes(c.sharedPoll.mode))
      return `invalid shared_poll mode: ${q(c.sharedPoll.mode)}`;
    if (c.sharedPoll.publishEnabled && (c.sharedPoll.mode === '' || c.sharedPoll.mode === 'versionless'))
      return 'shared_poll publish_enabled is incompatible with versionless mode (requires explicit versions)';
  }
  return mapProblem(c);
}

function mapProblem(c: ChannelOptions): string | undefined {
  const m = c.map;
  if (m.mode !== '' && !['ephemeral', 'recoverable', 'persistent'].includes(m.mode))
    return `unknown map.mode: ${q(m.mode)} (valid: "ephemeral", "recoverable", "persistent")`;
  const mapType = ['map', 'map_clients', 'map_users'].includes(c.subscriptionType);
  if (mapType && m.mode === '') return 'map.mode is required when subscription_type is a map type';
  if (m.mode === 'ephemeral' || m.mode === 'recoverable') {
    if (m.keyTtl === 0n) return `map.key_ttl is required when map.mode is ${q(m.mode)}`;
    if (m.keyTtl < 0n) return 'map.key_ttl must be positive';
  }
  if (m.mode === 'persistent' && m.keyTtl !== 0n)
    return 'map.key_ttl must not be set when map.mode is "persistent" (entries don\'t expire)';
  if (m.mode === 'persistent' && (c.subscriptionType === 'map_clients' || c.subscriptionType === 'map_users')) {
    return `map.mode "persistent" is not allowed with subscription_type ${q(c.subscriptionType)} (presence entries require TTL-based cleanup; use "ephemeral" or "recoverable")`;
  }
  if (m.mode === 'ephemeral') {
    if (m.streamSize > 0) return 'map.stream_size must be 0 for map.mode "ephemeral"';
    if (m.streamTtl !== 0n) return 'map.stream_ttl must be 0 for map.mode "ephemeral"';
    if (m.metaTtl !== 0n) return 'map.meta_ttl must be 0 for map.mode "ephemeral"';
  }
  if (m.mode === 'recoverable' || m.mode === 'persistent') {
    if (m.streamSize < 0) return 'map.stream_size must be non-negative';
    if (m.streamTtl < 0n) return 'map.stream_ttl must be non-negative';
    if (m.metaTtl < 0n) return 'map.meta_ttl must be non-negative';
    const streamTtl = m.streamTtl === 0n ? 60n * SECOND : m.streamTtl;
    if (m.metaTtl !== 0n && m.metaTtl < streamTtl)
      return `map.meta_ttl (${formatGoDuration(m.metaTtl)}) must be >= map.stream_ttl (${formatGoDuration(streamTtl)}) (metadata must outlive stream)`;
  }
  return undefined;
}

function compiles(re: string): boolean {
  try {
    new RegExp(re, 'u');
    return true;
  } catch {
    return false;
  }
}
