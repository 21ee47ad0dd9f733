import type { Command } from '../types.js';
import { CentEncodeError } from '../errors.js';

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
  /** Sent as UTF-8 (a form body is ASCII). */
  body: string;
  headers: Record<string, string>;
}

// application/x-www-form-urlencoded, byte for byte what `URLSearchParams#toString()` writes:
// UTF-8, `*-._` and alphanumerics kept, space as `+`, every other byte as uppercase `%XX`.
// `encodeURIComponent` (native) writes the same bytes except for six characters, so it is used
// when the text holds none of them; otherwise one pass over the UTF-8 bytes with a table.
// Both beat `URLSearchParams`, a JavaScript loop that builds a deep rope by concatenation.
const DIFFERS_FROM_URI_COMPONENT = /[ !'()~]/;
const KEEP = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-._') KEEP[c.charCodeAt(0)] = 1;
const HEX = Buffer.from('0123456789ABCDEF', 'latin1');
const SCRATCH_LIMIT = 1 << 16;
let scratch: Buffer | undefined;

export function formEncode(value: string): string {
  if (!DIFFERS_FROM_URI_COMPONENT.test(value)) {
    try {
      return encodeURIComponent(value);
    } catch {
      // A lone surrogate (never in JSON.stringify output): the table path writes U+FFFD, as URLSearchParams does.
    }
  }
  const bytes = Buffer.from(value, 'utf8');
  const size = bytes.length * 3;
  // A small output buffer is reused; a big one is not kept (it would pin memory for good).
  const out = scratch !== undefined && scratch.length >= size ? scratch : Buffer.allocUnsafe(Math.max(size, 1024));
  if (out.length <= SCRATCH_LIMIT) scratch = out;
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (KEEP[b] === 1) out[n++] = b;
    else if (b === 0x20) out[n++] = 0x2b;
    else {
      out[n++] = 0x25;
      out[n++] = HEX[b >> 4] as number;
      out[n++] = HEX[b & 15] as number;
    }
  }
  return out.toString('latin1', 0, n);
}

/** The HTTP body and the client's own headers for `data` in the chosen encoding. */
export function buildPayload(encoding: 'form' | 'json', data: string, sign: string | undefined): HttpPayload {
  if (encoding === 'json') {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(data, 'utf8')),
    };
    if (sign !== undefined) headers['X-API-Sign'] = sign;
    return { body: data, headers };
  }
  // The sign is lowercase hex: nothing in it to encode.
  const body = sign === undefined ? `data=${formEncode(data)}` : `sign=${sign}&data=${formEncode(data)}`;
  return {
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
  };
}
