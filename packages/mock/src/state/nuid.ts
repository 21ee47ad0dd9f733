/**
 * Message uids shaped like NATS nuid (what Centrifugo 1.x uses): 22 base-62 characters, a
 * random 12-character prefix and a 10-digit sequence that grows by a random step, so uids are
 * unique and increase within one prefix.
 */
import { randomBytes, randomInt } from 'node:crypto';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGIT_CODES = Uint8Array.from(DIGITS, (c) => c.charCodeAt(0));
const PREFIX_LEN = 12;
const SEQ_LEN = 10;

export class Nuid {
  private readonly seq = new Uint8Array(SEQ_LEN);
  /** The uid's characters: the prefix, then the sequence digits. */
  private readonly text = Buffer.alloc(PREFIX_LEN + SEQ_LEN);
  private readonly step = randomInt(33, 334);

  constructor() {
    this.reset();
  }

  next(): string {
    let carry = this.step;
    for (let i = SEQ_LEN - 1; i >= 0 && carry > 0; i -= 1) {
      const v = (this.seq[i] ?? 0) + carry;
      this.seq[i] = v % 62;
      this.text[PREFIX_LEN + i] = DIGIT_CODES[v % 62] ?? 0;
      carry = Math.floor(v / 62);
    }
    if (carry > 0) this.reset();
    // One flat string from the bytes: appending characters one by one made a chain of 10
    // cons-strings per uid (~300 bytes each, kept as long as the history message lives).
    return this.text.toString('latin1');
  }

  private reset(): void {
    const bytes = randomBytes(PREFIX_LEN + SEQ_LEN);
    for (let i = 0; i < PREFIX_LEN; i += 1) this.text[i] = DIGIT_CODES[(bytes[i] ?? 0) % 62] ?? 0;
    // Start the sequence low enough that it cannot wrap for a very long time.
    for (let i = 0; i < SEQ_LEN; i += 1) {
      const d = i < 3 ? (bytes[PREFIX_LEN + i] ?? 0) % 40 : (bytes[PREFIX_LEN + i] ?? 0) % 62;
      this.seq[i] = d;
      this.text[PREFIX_LEN + i] = DIGIT_CODES[d] ?? 0;
    }
  }
}
