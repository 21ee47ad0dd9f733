/**
 * HMAC-SHA256 helpers, as cent 1.1.0 `core.py` (`generate_api_sign`, `generate_token`,
 * `generate_channel_sign`): lowercase hex, key = the secret's UTF-8 bytes (which is what the Go
 * server uses; cent encoded it as latin-1, which only differs for non-ASCII secrets).
 */
import { createHmac } from 'node:crypto';

function hmacHex(secret: string, parts: readonly (string | Uint8Array)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** The API sign: HMAC-SHA256 of the exact `data` bytes (a string is taken as UTF-8). */
export function generateApiSign(secret: string, data: string | Uint8Array): string {
  return hmacHex(secret, [data]);
}

/**
 * A client connection token: HMAC-SHA256 over `user + timestamp + info` (`timestamp`: unix seconds;
 * numbers are turned into their decimal string, as the browser client sends them).
 */
export function generateClientToken(
  secret: string,
  user: string | number,
  timestamp: string | number,
  info = '',
): string {
  return hmacHex(secret, [String(user), String(timestamp), info]);
}

/** A private channel sign: HMAC-SHA256 over `client + channel + info`. */
export function generateChannelSign(secret: string, client: string, channel: string, info = ''): string {
  return hmacHex(secret, [String(client), String(channel), info]);
}
