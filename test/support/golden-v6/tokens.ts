/**
 * Connection JWTs for the recorded websocket clients (HS256, jose). Each token gets a label the
 * masker writes instead of it (`<token:u1>`); the fixtures README lists the labels' claims, so a
 * replay can make equivalent tokens. `exp` is relative to the moment of recording.
 */
import { SignJWT } from 'jose';
import { TOKEN_SECRET } from '../centrifugo-v6.js';
import type { Masker } from './mask.js';

export interface TokenSpec {
  readonly claims: Record<string, unknown>;
  /** Seconds from now for `exp`; negative for an expired token; absent for no `exp`. */
  readonly expiresIn?: number;
  /** Signing secret (default: the servers' `s1`). */
  readonly secret?: string;
}

/** The tokens the recordings use, by label. */
export const TOKENS = {
  u1: { claims: { sub: 'u1' } },
  'u1-info': { claims: { sub: 'u1', info: { name: 'A' } } },
  'u1-exp': { claims: { sub: 'u1' }, expiresIn: 3600 },
  u2: { claims: { sub: 'u2' } },
  'u1-other-secret': { claims: { sub: 'u1' }, secret: 'not-s1' },
  'u1-expired': { claims: { sub: 'u1' }, expiresIn: -60 },
} as const satisfies Record<string, TokenSpec>;

export type TokenLabel = keyof typeof TOKENS;

export async function makeToken(label: TokenLabel, masker: Masker): Promise<string> {
  const spec: TokenSpec = TOKENS[label];
  let jwt = new SignJWT(spec.claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (spec.expiresIn !== undefined) jwt = jwt.setExpirationTime(Math.floor(Date.now() / 1000) + spec.expiresIn);
  const token = await jwt.sign(new TextEncoder().encode(spec.secret ?? TOKEN_SECRET));
  masker.nameToken(token, label);
  return token;
}
