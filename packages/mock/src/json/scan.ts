/**
 * An iterative JSON syntax check with Go `encoding/json` rules (Go 1.15+): RFC 8259 grammar,
 * whitespace is space/tab/CR/LF only, nesting deeper than 10000 is an error, trailing
 * whitespace is fine, anything else after the value is not. No recursion, so hostile input
 * cannot overflow the stack.
 */
export const MAX_NESTING_DEPTH = 10_000;

export interface SyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  LowerE = 101,
  LBrace = 123,
  RBrace = 125,
}

export function isJsonSpace(c: number): boolean {
  // Most characters are above the space: one comparison settles them.
  return c <= C.Space && (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab);
}

/** Where a helper puts the problem it found (it returns -1 then: numbers only on the hot path). */
interface Found {
  problem: SyntaxProblem | undefined;
}

function fail(found: Found, offset: number, message: string): number {
  found.problem = { offset, message };
  return -1;
}

/** Checks that `text` is exactly one JSON value (plus optional whitespace). */
export function checkJson(text: string): SyntaxProblem | undefined {
  const n = text.length;
  /** Container kinds by depth: 1 object, 0 array. */
  const containers: number[] = [];
  const found: Found = { problem: undefined };
  let depth = 0;
  let i = skipSpace(text, 0);
  for (;;) {
    // Expect a value at i.
    if (i >= n) return { offset: i, message: 'unexpected end of JSON input' };
    const c = text.charCodeAt(i);
    if (c === C.LBrace || c === C.LBracket) {
      if (depth >= MAX_NESTING_DEPTH) return { offset: i, message: 'exceeded max depth' };
      const isObject = c === C.LBrace;
      i = skipSpace(text, i + 1);
      const close = isObject ? C.RBrace : C.RBracket;
      if (text.charCodeAt(i) === close) {
        i += 1;
      } else {
        containers[depth] = isObject ? 1 : 0;
        depth += 1;
        if (isObject) {
          i = scanKey(text, i, found);
          if (i < 0) return found.problem;
        }
        continue;
      }
    } else if (c === C.Quote) {
      i = scanStringAt(text, i, found);
      if (i < 0) return found.problem;
    } else if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) {
      i = scanNumberAt(text, i, found);
      if (i < 0) return found.problem;
    } else {
      const lit = text.startsWith('true', i) ? 4 : text.startsWith('null', i) ? 4 : text.startsWith('false', i) ? 5 : 0;
      if (lit === 0)
        return { offset: i, message: `invalid character ${describe(text, i)} looking for beginning of value` };
      i += lit;
    }
    // A value ended at i: close containers or move to the next element.
    for (;;) {
      i = skipSpace(text, i);
      if (depth === 0) {
        return i === n
          ? undefined
          : { offset: i, message: `invalid character ${describe(text, i)} after top-level value` };
      }
      const isObject = containers[depth - 1] === 1;
      const d = text.charCodeAt(i);
      if (d === C.Comma) {
        i = skipSpace(text, i + 1);
        if (isObject) {
          i = scanKey(text, i, found);
          if (i < 0) return found.problem;
        }
        break;
      }
      if (d === (isObject ? C.RBrace : C.RBracket)) {
        depth -= 1;
        i += 1;
        continue;
      }
      if (i >= n) return { offset: i, message: 'unexpected end of JSON input' };
      return {
        offset: i,
        message: `invalid character ${describe(text, i)} after ${isObject ? 'object key:value pair' : 'array element'}`,
      };
    }
  }
}

/** Scans `"key" :` starting at i; returns the index after the colon and following spaces, or -1. */
function scanKey(text: string, i: number, found: Found): number {
  if (text.charCodeAt(i) !== C.Quote) {
    if (i >= text.length) return fail(found, i, 'unexpected end of JSON input');
    return fail(found, i, `invalid character ${describe(text, i)} looking for beginning of object key string`);
  }
  const end = scanStringAt(text, i, found);
  if (end < 0) return -1;
  const j = skipSpace(text, end);
  if (text.charCodeAt(j) !== C.Colon) {
    if (j >= text.length) return fail(found, j, 'unexpected end of JSON input');
    return fail(found, j, `invalid character ${describe(text, j)} after object key`);
  }
  return skipSpace(text, j + 1);
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i += 1;
  return i;
}

/** `text[i]` is `"`; returns the index after the closing quote, or -1. */
function scanStringAt(text: string, i: number, found: Found): number {
  const n = text.length;
  for (let j = i + 1; j < n; j += 1) {
    const c = text.charCodeAt(j);
    if (c === C.Quote) return j + 1;
    if (c < 0x20) return fail(found, j, 'invalid character in string literal');
    if (c === C.Backslash) {
      const e = text.charCodeAt(j + 1);
      if (e === 117 /* u */) {
        for (let k = 2; k < 6; k += 1) {
          if (!isHex(text.charCodeAt(j + k)))
            return fail(found, j + k, 'invalid character in \\u hexadecimal character escape');
        }
        j += 5;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        j += 1;
      } else {
        return fail(found, j + 1, 'invalid character in string escape code');
      }
    }
  }
  return fail(found, n, 'unexpected end of JSON input');
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}

/** Number grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; returns the index after it, or -1. */
function scanNumberAt(text: string, i: number, found: Found): number {
  let j = i;
  if (text.charCodeAt(j) === C.Minus) j += 1;
  const first = text.charCodeAt(j);
  if (first === C.Zero) j += 1;
  else if (isDigit(first)) while (isDigit(text.charCodeAt(j))) j += 1;
  else return fail(found, j, 'invalid character in numeric literal');
  if (text.charCodeAt(j) === C.Dot) {
    j += 1;
    if (!isDigit(text.charCodeAt(j))) return fail(found, j, 'invalid character after decimal point in numeric literal');
    while (isDigit(text.charCodeAt(j))) j += 1;
  }
  const e = text.charCodeAt(j);
  if (e === C.LowerE || e === C.UpperE) {
    j += 1;
    const s = text.charCodeAt(j);
    if (s === C.Plus || s === C.Minus) j += 1;
    if (!isDigit(text.charCodeAt(j))) return fail(found, j, 'invalid character in exponent of numeric literal');
    while (isDigit(text.charCodeAt(j))) j += 1;
  }
  return j;
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'EOF';
  const ch = text[i] ?? '';
  return ch === "'" ? `'\\''` : `'${ch}'`;
}
