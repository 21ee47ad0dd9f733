/**
 * Speed-up for `npm run bench -- ws` (a publication reaching 1,000 subscribers): a message that
 * many connections receive in the same turn of the event loop is made into a websocket frame
 * once — encoded to bytes once, its frame header written once — and that one buffer is written to
 * every socket, instead of `ws` encoding and framing it again for each connection. Server frames
 * are unmasked text frames (RFC 6455 §5.2): FIN + opcode 1, then the length in 7, 16 or 64 bits.
 * Checked against `ws`'s own framing byte for byte (test/v6/ws/frame-once.test.ts).
 */
import { encodeKeptBytes, hasKeptBytes } from '../../json/kept-bytes.js';

/** One unmasked, final text frame holding `message` (kept bytes written as the bytes they stand for). */
export function textFrame(message: string): Buffer {
  const payload = hasKeptBytes(message) ? encodeKeptBytes(message) : Buffer.from(message, 'utf8');
  const n = payload.length;
  const headerLength = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}

/** Frames made during one turn, by message: the same publication text gives the same buffer. */
export class FrameCache {
  private frames = new Map<string, Buffer>();

  frame(message: string): Buffer {
    let f = this.frames.get(message);
    if (f === undefined) {
      f = textFrame(message);
      if (this.frames.size < 64) this.frames.set(message, f);
    }
    return f;
  }

  clear(): void {
    if (this.frames.size > 0) this.frames = new Map();
  }
}
