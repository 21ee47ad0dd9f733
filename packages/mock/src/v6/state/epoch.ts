/** A stream epoch as the memory engine makes it (centrifuge internal/epoch): 8 letters from crypto randomness, byte % 52. */
import { randomBytes } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
export function newEpoch(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i += 1) out += LETTERS[(bytes[i] as number) % 52];
  return out;
}
