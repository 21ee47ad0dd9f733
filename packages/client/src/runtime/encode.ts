import type { Command } from './types.js';
import { CentEncodeError } from './errors.js';

/**
 * The `data` of a request: always an array of commands, compact `JSON.stringify` output, key order
 * `method`, `params` (cent 1.x used Python's `", "`/`": "` separators and `\uXXXX` escapes: the
 * server accepts both, the sign is computed over whichever bytes are sent).
 * Missing params become `{}`, as cent's helpers send for `channels` and `stats`.
 */
export function encodeCommands(commands: readonly Command[]): string {
  const wire = commands.map(({ method, params }) => ({ method, params: params === undefined ? {} : params }));
  try {
    return JSON.stringify(wire);
  } catch (cause) {
    throw new CentEncodeError({ methods: commands.map((c) => c.method), cause });
  }
}

export interface HttpPayload {
  body: Buffer;
  headers: Record<string, string>;
}

/** The HTTP body and the client's own headers for `data` in the chosen encoding. */
export function buildPayload(encoding: 'form' | 'json', data: string, sign: string | undefined): HttpPayload {
  if (encoding === 'json') {
    const body = Buffer.from(data, 'utf8');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
    };
    if (sign !== undefined) headers['X-API-Sign'] = sign;
    return { body, headers };
  }
  const fields: [string, string][] = sign === undefined ? [['data', data]] : [['sign', sign], ['data', data]];
  const body = Buffer.from(new URLSearchParams(fields).toString(), 'utf8');
  return {
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
  };
}
