/**
 * Connection and subscription JWTs as Centrifugo v6 verifies them (jwtverify
 * token_verifier_jwt.go), in its order: the token must parse (else invalid), its claims must
 * decode (`claims.ts`), the HMAC signature must verify with `client.token.hmac_secret_key` (HS256,
 * HS384, HS512 — jose; no secret: nothing verifies), audience and issuer must match when
 * configured, a connection token must not carry `channel`; only then `exp`/`nbf` (→ expired).
 * After that a connection token's `subs`/`channels` must name configured namespaces (→ 102)
 * and its base64 fields decode (→ invalid, or a plain error for `b64info`).
 */
import type * as Jose from 'jose';
import { lazyModule } from '../../lazy-module.js';
import { goBase64Decode } from '../../json/go-base64.js';
import type { NodeV6 } from '../state/node.js';
import { decodeClaims, type Claims, type SubscribeOptionsClaim } from './claims.js';
import type { WsConfig } from './config.js';

const ALGORITHMS = ['HS256', 'HS384', 'HS512'];

export type TokenFailure = 'invalid' | 'expired' | 'unknown-channel' | 'internal';
export type Verified<T> =
  { readonly ok: true; readonly token: T } | { readonly ok: false; readonly failure: TokenFailure };

/** What the server makes of a subscription option set (from `subs` or a subscription token). */
export interface TokenSubscribeOptions {
  readonly info: string;
  readonly data: string;
  readonly override: SubscribeOptionsClaim['override'];
}

export interface ConnectToken {
  readonly user: string;
  /** Unix seconds; 0: never. */
  readonly expireAt: number;
  readonly info: string;
  /** Server-side subscriptions, in claim order; undefined options: the namespace's own (`channels`). */
  readonly subs: ReadonlyMap<string, TokenSubscribeOptions | undefined>;
}

export interface SubscribeToken extends TokenSubscribeOptions {
  readonly user: string;
  readonly channel: string;
  readonly client: string;
  readonly expireAt: number;
}

const jose = lazyModule<typeof Jose>('jose');

const fail = <T>(failure: TokenFailure): Verified<T> => ({ ok: false, failure });

async function verified(token: string, secret: string, config: WsConfig): Promise<Claims | TokenFailure> {
  let claims: Claims;
  try {
    jose().decodeProtectedHeader(token);
    const [, payload] = token.split('.');
    claims = decodeClaims(Buffer.from(payload ?? '', 'base64url'));
  } catch {
    return 'invalid';
  }
  if (secret === '') return 'invalid';
  try {
    await jose().compactVerify(token, new TextEncoder().encode(secret), { algorithms: ALGORITHMS });
  } catch {
    return 'invalid';
  }
  if (config.token.audience !== '' && !claims.aud.includes(config.token.audience)) return 'invalid';
  if (config.token.issuer !== '' && claims.iss !== config.token.issuer) return 'invalid';
  return claims;
}

function expired(claims: Claims, nowSeconds: number): boolean {
  return (
    (claims.exp !== undefined && !(claims.exp > nowSeconds)) || (claims.nbf !== undefined && !(claims.nbf < nowSeconds))
  );
}

function expireAtOf(claims: Claims): number {
  if (claims.expireAt !== undefined) return Math.max(0, claims.expireAt);
  return claims.exp === undefined ? 0 : Math.trunc(claims.exp);
}

function userOf(claims: Claims, config: WsConfig): string {
  if (config.token.userIdClaim === '') return claims.sub;
  const v = claims.payload[config.token.userIdClaim];
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** `b64x` wins over `x`; undefined when the base64 does not decode. */
function payload(raw: string | undefined, b64: string): string | undefined {
  if (b64 === '') return raw ?? '';
  return goBase64Decode(b64)?.toString('utf8');
}

export async function verifyConnectToken(
  node: NodeV6,
  config: WsConfig,
  token: string,
): Promise<Verified<ConnectToken>> {
  const now = node.clock.now() / 1000;
  const claims = await verified(token, node.config.client.tokenHmacSecretKey, config);
  if (typeof claims === 'string') return fail(claims);
  if (claims.channel !== '') return fail('invalid');
  if (expired(claims, now)) return fail('expired');
  const subs = new Map<string, TokenSubscribeOptions | undefined>();
  const named = claims.subs.size > 0 ? [...claims.subs.keys()] : claims.channels;
  for (const ch of named) {
    if (node.channelOptions(ch) === undefined) return fail('unknown-channel');
    const o = claims.subs.get(ch);
    if (o === undefined) {
      subs.set(ch, undefined);
      continue;
    }
    const info = payload(o.info, o.b64info);
    const data = payload(o.data, o.b64data);
    if (info === undefined || data === undefined) return fail('invalid');
    subs.set(ch, { info, data, override: o.override });
  }
  const info = payload(claims.info, claims.b64info);
  if (info === undefined) return fail('internal');
  return { ok: true, token: { user: userOf(claims, config), expireAt: expireAtOf(claims), info, subs } };
}

export async function verifySubscribeToken(
  node: NodeV6,
  config: WsConfig,
  token: string,
): Promise<Verified<SubscribeToken>> {
  const now = node.clock.now() / 1000;
  const secret = config.subscriptionTokenSecret ?? node.config.client.tokenHmacSecretKey;
  const claims = await verified(token, secret, config);
  if (typeof claims === 'string') return fail(claims);
  if (expired(claims, now)) return fail('expired');
  if (claims.channel === '') return fail('invalid');
  if (node.channelOptions(claims.channel) === undefined) return fail('unknown-channel');
  const info = payload(claims.info, claims.b64info);
  const data = payload(claims.data, claims.b64data);
  if (info === undefined || data === undefined) return fail('invalid');
  return {
    ok: true,
    token: {
      user: userOf(claims, config),
      channel: claims.channel,
      client: claims.client,
      expireAt: expireAtOf(claims),
      info,
      data,
      override: claims.override,
    },
  };
}
