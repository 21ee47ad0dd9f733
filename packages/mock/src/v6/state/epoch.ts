/** A stream epoch as the memory engine makes it (centrifuge internal/epoch): 8 letters from crypto randomness, byte % 52. */
import { randomFillSync } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const bytes = new Uint8Array(8);

export function newEpoch(): string {
  randomFillSync(bytes);
  let out = '';
  for (let i = 0; i < 8; i += 1) out += LETTERS[(bytes[i] as number) % 52];
  return out;
}
