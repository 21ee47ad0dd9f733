/**
 * Walks JSON text that `checkJson` already accepted, without building values: find where a
 * value ends, iterate an object's members or an array's elements. Iterative, no recursion.
 */
import { skipSpace } from './scan.js';

/** The JSON type of the value whose first character is `firstChar`, as Go's errors name it. */
export function jsonType(firstChar: number): string {
  switch (firstChar) {
    case 123:
      return 'object';
    case 91:
      return 'array';
    case 34:
      return 'string';
    case 116:
    case 102:
      return 'boolean';
    case 110:
      return 'null';
    default:
      return 'number';
  }
}

/** Index just after the closing quote of the string starting at i. */
export function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    // Count the backslashes before the quote: odd means it is escaped.
    let b = q - 1;
    while (b > i && text.charCodeAt(b) === 92) b -= 1;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just after the value starting at i (i must point at the value's first character). */
export function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c !== 123 && c !== 91) {
    let j = i + 1;
    for (; j < text.length; j += 1) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9 || d === 58) break;
    }
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 34) {
      j = skipString(text, j);
      continue;
    }
    if (d === 123 || d === 91) depth += 1;
    else if (d === 125 || d === 93) {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
    j += 1;
  }
  return j;
}

export interface Member {
  /** Raw key including quotes. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Calls `visit` for each member of the object starting at i (text[i] === '{'). */
export function forEachMember(text: string, i: number, visit: (m: Member) => void): void {
  let j = skipSpace(text, i + 1);
  if (text.charCodeAt(j) === 125) return;
  while (j < text.length) {
    const keyStart = j;
    const keyEnd = skipString(text, j);
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    visit({ keyStart, keyEnd, valueStart, valueEnd });
    j = skipSpace(text, valueEnd);
    if (text.charCodeAt(j) !== 44) return;
    j = skipSpace(text, j + 1);
  }
}

/** Calls `visit(start, end)` for each element of the array starting at i (text[i] === '['). */
export function forEachElement(text: string, i: number, visit: (start: number, end: number) => void): void {
  let j = skipSpace(text, i + 1);
  if (text.charCodeAt(j) === 93) return;
  while (j < text.length) {
    const end = skipValue(text, j);
    visit(j, end);
    j = skipSpace(text, end);
    if (text.charCodeAt(j) !== 44) return;
    j = skipSpace(text, j + 1);
  }
}
