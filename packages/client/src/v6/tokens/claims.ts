/**
 * The JWT claims Centrifugo v6 reads from connection and subscription tokens
 * (internal/jwtverify: ConnectTokenClaims, SubscribeTokenClaims), with their wire names.
 */

/** `{"value": bool}`: how a subscription override wraps each flag. */
export interface BoolValue {
  value: boolean;
}

/** Channel options a token may override for one subscription. */
export interface SubscribeOverride {
  presence?: BoolValue;
  join_leave?: BoolValue;
  force_push_join_leave?: BoolValue;
  force_positioning?: BoolValue;
  force_recovery?: BoolValue;
}

/** Per-channel options of a server-side subscription (`subs` of a connection token). */
export interface SubscribeOptions {
  /** Channel info (any JSON), shown to others in presence and join/leave as `chan_info`. */
  info?: unknown;
  b64info?: string;
  /** Data sent to the client with the subscribe push. */
  data?: unknown;
  b64data?: string;
  override?: SubscribeOverride;
}

/** Claims both tokens share. */
export interface CommonClaims {
  /** The user id; `''` for an anonymous user. */
  sub: string;
  /** Expiry, unix seconds. Leave out (or use `expiresIn`) for a token that never expires. */
  exp?: number;
  /** Expiry as seconds from now (sets `exp`); not with `exp`. */
  expiresIn?: number;
  /** When the connection (or subscription) expires, unix seconds, if it differs from `exp`; 0: never. */
  expire_at?: number;
  /** Not valid before, unix seconds. */
  nbf?: number;
  /** Checked only when the server is configured with an audience or an issuer. */
  aud?: string | string[];
  iss?: string;
  jti?: string;
  /** Info (any JSON): `conn_info` of a connection, `chan_info` of a subscription. */
  info?: unknown;
  b64info?: string;
}

export interface ConnectionTokenClaims extends CommonClaims {
  /** Channels the server subscribes the connection to. */
  channels?: string[];
  /** Server-side subscriptions with their options. */
  subs?: Record<string, SubscribeOptions>;
  /** Data kept with the connection, never sent to clients (any JSON object). */
  meta?: Record<string, unknown>;
}

export interface SubscriptionTokenClaims extends CommonClaims, Omit<SubscribeOptions, 'info' | 'b64info'> {
  /** The channel the token is for: it must equal the channel subscribed to. */
  channel: string;
  /** The client id the token is for, when it is bound to one connection. */
  client?: string;
}
