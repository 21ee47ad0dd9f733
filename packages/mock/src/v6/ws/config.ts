/**
 * The config keys of Centrifugo v6 that shape its websocket client protocol, read from the same
 * config file the server API reads (`v6/config`'s viper rules: keys in any case, weak types, Go
 * durations, zero values take the default). The keys the server API already resolves (token
 * secret, anonymous and insecure modes, channel limit, ping and pong) come from there.
 */
import {
  lowerKeys,
  readBool,
  readDuration,
  readInt,
  readString,
  readStrings,
  section,
  type Section,
} from '../config/read-value.js';
import type { CentrifugoV6Config } from '../config/types.js';
import { compileGlob } from '../methods/glob.js';
import { validationError } from '../config/config-error.js';

export interface WsConfig {
  /** `websocket.handler_prefix` (trailing `/` trimmed). */
  readonly path: string;
  /** `websocket.message_size_limit`: bytes of one client message (over it: close 1009). */
  readonly messageSizeLimit: number;
  /** `client.allowed_origins` as matchers; empty: only requests without `Origin`. */
  readonly allowedOrigins: readonly ((origin: string) => boolean)[];
  readonly staleCloseDelayMs: number;
  readonly expiredCloseDelayMs: number;
  readonly expiredSubCloseDelayMs: number;
  /** `channel.max_length`: longer client-side channel names are 107. */
  readonly channelMaxLength: number;
  readonly historyMaxPublicationLimit: number;
  readonly recoveryMaxPublicationLimit: number;
  readonly userConnectionLimit: number;
  readonly disallowAnonymousConnectionTokens: boolean;
  readonly connectIncludeServerTime: boolean;
  /** `client.queue_max_size`: bytes waiting for a slow reader before close 3008. */
  readonly queueMaxSize: number;
  readonly token: { readonly audience: string; readonly issuer: string; readonly userIdClaim: string };
  /** `client.subscription_token`, when enabled: its own HMAC secret. */
  readonly subscriptionTokenSecret: string | undefined;
}

const MS = 1_000_000n;
const S = 1000n * MS;
const ms = (ns: bigint) => Number(ns / MS);

export function readWsConfig(input: CentrifugoV6Config | undefined): WsConfig {
  const root = lowerKeys(input ?? {}) as Section;
  const websocket = section(root, 'websocket', '');
  const client = section(root, 'client', '');
  const channel = section(root, 'channel', '');
  const token = section(client, 'token', 'client');
  const subToken = section(client, 'subscription_token', 'client');
  const origins = readStrings(client, 'allowed_origins', 'client');
  const allowedOrigins = origins.map((pattern, i) => {
    const match = compileGlob(pattern);
    if (match === undefined) throw validationError(`client.allowed_origins[${i}]`, 'malformed origin pattern');
    return match;
  });
  return {
    path: readString(websocket, 'handler_prefix', 'websocket', '/connection/websocket').replace(/\/+$/, '') || '/',
    messageSizeLimit: readInt(websocket, 'message_size_limit', 'websocket', 65536),
    allowedOrigins,
    staleCloseDelayMs: ms(readDuration(client, 'stale_close_delay', 'client', 10n * S)),
    expiredCloseDelayMs: ms(readDuration(client, 'expired_close_delay', 'client', 25n * S)),
    expiredSubCloseDelayMs: ms(readDuration(client, 'expired_sub_close_delay', 'client', 25n * S)),
    channelMaxLength: readInt(channel, 'max_length', 'channel', 255),
    historyMaxPublicationLimit: readInt(client, 'history_max_publication_limit', 'client', 300),
    recoveryMaxPublicationLimit: readInt(client, 'recovery_max_publication_limit', 'client', 300),
    userConnectionLimit: readInt(client, 'user_connection_limit', 'client'),
    disallowAnonymousConnectionTokens: readBool(client, 'disallow_anonymous_connection_tokens', 'client'),
    connectIncludeServerTime: readBool(client, 'connect_include_server_time', 'client'),
    queueMaxSize: readInt(client, 'queue_max_size', 'client', 1_048_576),
    token: {
      audience: readString(token, 'audience', 'client.token'),
      issuer: readString(token, 'issuer', 'client.token'),
      userIdClaim: readString(token, 'user_id_claim', 'client.token'),
    },
    subscriptionTokenSecret: readBool(subToken, 'enabled', 'client.subscription_token')
      ? readString(subToken, 'hmac_secret_key', 'client.subscription_token')
      : undefined,
  };
}

/** The origin check (internal/app/origin.go): no `Origin` always passes; else a pattern must match it lower-cased. */
export function originAllowed(config: WsConfig, origin: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  const lower = origin.toLowerCase();
  return config.allowedOrigins.some((match) => match(lower));
}
