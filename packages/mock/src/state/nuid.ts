/**
 * Message uids shaped like NATS nuid (what Centrifugo 1.x uses): 22 base-62 characters, a
 * random 12-character prefix and a 10-digit sequence that grows by a random step, so uids are
 * unique and increase within one prefix.
 */
import { randomBytes, randomInt } from 'node:crypto';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PREFIX_LEN = 12;
const SEQ_LEN = 10;

export class Nuid {
  private prefix = '';
  private readonly seq = new Uint8Array(SEQ_LEN);
  private readonly step = randomInt(33, 334);

  constructor() {
    this.reset();
  }

  next(): string {
    let carry = this.step;
    for (let i = SEQ_LEN - 1; i >= 0 && carry > 0; i -= 1) {
      const v = (this.seq[i] ?? 0) + carry;
      this.seq[i] = v % 62;
      carry = Math.floor(v / 62);
    }
    if (carry > 0) this.reset();
    let s = this.prefix;
    for (let i = 0; i < SEQ_LEN; i += 1) s += DIGITS[this.seq[i] ?? 0];
    return s;
  }

  private reset(): void {
    const bytes = randomBytes(PREFIX_LEN + SEQ_LEN);
    let p = '';
    for (let i = 0; i < PREFIX_LEN; i += 1) p += DIGITS[(bytes[i] ?? 0) % 62];
    this.prefix = p;
    // Start the sequence low enough that it cannot wrap for a very long time.
    for (let i = 0; i < SEQ_LEN; i += 1) this.seq[i] = i < 3 ? (bytes[PREFIX_LEN + i] ?? 0) % 40 : (bytes[PREFIX_LEN + i] ?? 0) % 62;
  }
}
