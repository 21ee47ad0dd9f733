/**
 * Connection and subscription tokens for Centrifugo v6: JWTs signed with the HMAC secret the server
 * knows as `client.token.hmac_secret_key`. Signing is `jose`'s; this module checks the claims
 * first, so a token the server would refuse is refused here with a clear message.
 */
import { SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { CentUsageError } from '../../runtime/errors.js';
import type { CommonClaims, ConnectionTokenClaims, SubscriptionTokenClaims } from './claims.js';

export type TokenAlgorithm = 'HS256' | 'HS384' | 'HS512';

export interface TokenKey {
  /** The HMAC secret (`client.token.hmac_secret_key`). Never in errors. */
  secret: string | Uint8Array;
  /** Default `HS256`. */
  algorithm?: TokenAlgorithm;
}

const ALGORITHMS: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512']);

function fail(what: string, problem: string): never {
  throw new CentUsageError(`${what}: ${problem}`);
}

function seconds(what: string, name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
    fail(what, `${name} must be a whole number of seconds >= 0, got ${String(value)}`);
  }
}

function checkCommon(what: string, claims: CommonClaims, now: number): JWTPayload {
  if (typeof claims !== 'object' || claims === null) fail(what, 'claims must be an object');
  if (typeof claims.sub !== 'string') fail(what, 'sub (the user id) must be a string; use "" for an anonymous user');
  for (const name of ['exp', 'expire_at', 'nbf'] as const) seconds(what, name, claims[name]);
  const { expiresIn, ...rest } = claims;
  if (expiresIn !== undefined) {
    if (claims.exp !== undefined) fail(what, 'give exp or expiresIn, not both');
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0)
      fail(what, `expiresIn must be a positive number of seconds, got ${String(expiresIn)}`);
    return { ...rest, exp: now + Math.ceil(expiresIn) };
  }
  return { ...rest };
}

async function sign(what: string, payload: JWTPayload, key: TokenKey, now: number): Promise<string> {
  const algorithm = key?.algorithm ?? 'HS256';
  if (!ALGORITHMS.has(algorithm)) fail(what, `algorithm must be HS256, HS384 or HS512, got ${String(algorithm)}`);
  const secret = typeof key?.secret === 'string' ? new TextEncoder().encode(key.secret) : key?.secret;
  if (!(secret instanceof Uint8Array) || secret.length === 0)
    fail(what, 'the secret must be a non-empty string or Uint8Array');
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: algorithm, typ: 'JWT' }).setIssuedAt(now);
  try {
    return await jwt.sign(secret);
  } catch (cause) {
    // jose's messages name claims and algorithms, never the key.
    throw new CentUsageError(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A connection token: the `token` of the client's `connect` command. */
export async function createConnectionToken(claims: ConnectionTokenClaims, key: TokenKey): Promise<string> {
  const what = 'connection token';
  const now = Math.floor(Date.now() / 1000);
  const payload = checkCommon(what, claims, now);
  // The server refuses a connection token with a channel claim (close 3500).
  if ('channel' in payload)
    fail(what, 'a connection token must not have a channel claim (that makes it a subscription token)');
  if (
    claims.channels !== undefined &&
    !(Array.isArray(claims.channels) && claims.channels.every((c) => typeof c === 'string'))
  ) {
    fail(what, 'channels must be an array of channel names');
  }
  return sign(what, payload, key, now);
}

/** A subscription token: the `token` of the client's `subscribe` command for `channel`. */
export async function createSubscriptionToken(claims: SubscriptionTokenClaims, key: TokenKey): Promise<string> {
  const what = 'subscription token';
  const now = Math.floor(Date.now() / 1000);
  const payload = checkCommon(what, claims, now);
  if (typeof claims.channel !== 'string' || claims.channel === '')
    fail(what, 'channel must be the channel name the token is for');
  return sign(what, payload, key, now);
}
