/**
 * The size of the HTTP body the client will send for a list of commands, computed command by
 * command so that a batch can be cut into requests the server can read (see `input/limits.ts`)
 * without encoding it twice. The client sends `data` as compact `JSON.stringify` output of
 * `[{method, params}, ...]`: in `form` encoding as `sign=<64 hex>&data=<urlencoded>`
 * (application/x-www-form-urlencoded, WHATWG's byte rules), in `json` encoding as the body.
 */
import { MAX_FORM_BODY_BYTES, MAX_JSON_BODY_BYTES } from '../input/limits.js';

export type Encoding = 'form' | 'json';

export const MAX_BODY_BYTES: Readonly<Record<Encoding, number>> = {
  form: MAX_FORM_BODY_BYTES,
  json: MAX_JSON_BODY_BYTES,
};

/** ASCII that the urlencoded form keeps as one byte: alphanumerics, `*-._`, and space (as `+`). */
const ONE_BYTE = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-._ ') ONE_BYTE[c.charCodeAt(0)] = 1;

/**
 * Length of `text` urlencoded: one byte for a kept ASCII character, three (`%XX`) for every
 * other UTF-8 byte (a lone surrogate is sent as U+FFFD, three bytes).
 */
export function formEncodedLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += ONE_BYTE[c] === 1 ? 1 : 3;
    else if (c < 0x800) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 12;
      i++;
    } else n += 9;
  }
  return n;
}

/** One command's share of `data`: its JSON as the client writes it. */
export function commandJson(method: string, params: unknown): string {
  return JSON.stringify({ method, params: params === undefined ? {} : params });
}

/** Bytes of a body holding no command yet: `sign=…&data=` and the brackets (`%5B%5D` in a form). */
export function emptyBodyBytes(encoding: Encoding): number {
  return encoding === 'json' ? 2 : 'sign='.length + 64 + '&data='.length + 6;
}

/** Bytes one more command adds to a body already holding `count` commands (a comma before it, `%2C` in a form). */
export function commandBytes(encoding: Encoding, json: string, count: number): number {
  const comma = count === 0 ? 0 : encoding === 'json' ? 1 : 3;
  return comma + (encoding === 'json' ? Buffer.byteLength(json, 'utf8') : formEncodedLength(json));
}
