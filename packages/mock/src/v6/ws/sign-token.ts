/**
 * Connection tokens for tests: an HS256 JWT for a user, signed with the mock's own
 * `client.token.hmac_secret_key`, with any other claims the test gives (`exp`, `info`,
 * `channels`, `subs`…; `expiresIn` seconds sets `exp`). The secret never appears in errors.
 */
import type * as Jose from 'jose';
import { lazyModule } from '../../lazy-module.js';
import { MockUsageError } from '../../errors.js';
import type { NodeV6 } from '../state/node.js';

const jose = lazyModule<typeof Jose>('jose');

export interface ConnectionTokenClaims {
  readonly [claim: string]: unknown;
  /** Seconds from now for `exp`. */
  readonly expiresIn?: number;
}

export async function signConnectionToken(
  node: NodeV6,
  user: string,
  claims: ConnectionTokenClaims = {},
): Promise<string> {
  if (typeof user !== 'string')
    throw new MockUsageError('invalid_token_request', 'the user of a connection token is a string ("" for anonymous)');
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    throw new MockUsageError('invalid_token_request', 'token claims are an object');
  const secret = node.config.client.tokenHmacSecretKey;
  if (secret === '')
    throw new MockUsageError(
      'no_token_secret',
      'client.token.hmac_secret_key is not configured: the mock (like the server) cannot verify tokens',
    );
  const { expiresIn, ...rest } = claims;
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)))
    throw new MockUsageError('invalid_token_request', 'expiresIn is a number of seconds');
  let jwt = new (jose().SignJWT)({ ...rest, sub: user }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (expiresIn !== undefined) jwt = jwt.setExpirationTime(Math.floor(node.clock.now() / 1000) + Math.trunc(expiresIn));
  return jwt.sign(new TextEncoder().encode(secret));
}
