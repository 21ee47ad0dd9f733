/**
 * Request bytes that are not valid UTF-8, carried through JavaScript strings. Go keeps raw JSON
 * (`data`) as bytes and sends them back as they came (history), while a Go string decoded from
 * JSON (channel, uid, client) gets one U+FFFD per invalid byte. So each byte that does not start
 * a valid sequence (Go's utf8.DecodeRune) is decoded to the lone low surrogate U+DC00 + byte,
 * which no valid UTF-8 decodes to: `unquote` turns each into U+FFFD, as Go's string decoding
 * does, and `encodeKeptBytes` turns them back into the bytes when a reply is written.
 */
import { isUtf8 } from 'node:buffer';
import { decodeRune, RUNE_ERROR } from '../go/utf8.js';

export interface DecodedText {
  readonly text: string;
  /** Whether `text` holds kept bytes (the input was not valid UTF-8). */
  readonly kept: boolean;
}

/** A kept byte: a low surrogate U+DC80–U+DCFF with no high surrogate before it. */
const KEPT = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const KEPT_ALL = new RegExp(KEPT.source, 'g');

export function decodeKeptBytes(buf: Buffer): DecodedText {
  const text = buf.toString('utf8');
  // Node's decoder makes U+FFFD of invalid input: without one, the input was valid.
  if (!text.includes('\ufffd') || isUtf8(buf)) return { text, kept: false };
  const bytes = buf.toString('latin1');
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length;) {
    const r = decodeRune(bytes, i);
    if (r.size === 1 && r.rune === RUNE_ERROR) {
      out += buf.toString('utf8', start, i) + String.fromCharCode(0xdc00 + bytes.charCodeAt(i));
      start = i + 1;
    }
    i += r.size;
  }
  return { text: out + buf.toString('utf8', start), kept: true };
}

export function hasKeptBytes(s: string): boolean {
  return KEPT.test(s);
}

/** UTF-8, with kept bytes back as the bytes they were. */
export function encodeKeptBytes(s: string): Buffer {
  const pieces: Buffer[] = [];
  let start = 0;
  for (const m of s.matchAll(KEPT_ALL)) {
    const at = m.index;
    pieces.push(Buffer.from(s.slice(start, at), 'utf8'), Buffer.of(s.charCodeAt(at) - 0xdc00));
    start = at + 1;
  }
  if (pieces.length === 0) return Buffer.from(s, 'utf8');
  pieces.push(Buffer.from(s.slice(start), 'utf8'));
  return Buffer.concat(pieces);
}

/** Each kept byte as U+FFFD: a well-formed string, for what the mock shows of a request. */
export function withoutKeptBytes(s: string): string {
  return s.replace(KEPT_ALL, '\ufffd');
}
