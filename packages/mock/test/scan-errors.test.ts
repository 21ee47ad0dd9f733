/**
 * Where and why checkJson stops, pinned: these offsets and messages (Go's scanner wording) reach
 * strict-mode violations ("invalid JSON at offset N: ..."). The table was produced by the scanner
 * before its helpers returned -1 instead of problem objects; both must agree.
 */
import { describe, expect, it } from 'vitest';
import { checkJson } from '../src/json/scan.js';

const CASES: readonly (readonly [string, number | undefined, string | undefined])[] = [
  ['', 0, 'unexpected end of JSON input'],
  [' ', 1, 'unexpected end of JSON input'],
  ['{', 1, 'unexpected end of JSON input'],
  ['[', 1, 'unexpected end of JSON input'],
  ['{"a"}', 4, "invalid character '}' after object key"],
  ['{"a":1,}', 7, "invalid character '}' looking for beginning of object key string"],
  ['[1,]', 3, "invalid character ']' looking for beginning of value"],
  ['01', 1, "invalid character '1' after top-level value"],
  ['1.', 2, 'invalid character after decimal point in numeric literal'],
  ['.5', 0, "invalid character '.' looking for beginning of value"],
  ['-', 1, 'invalid character in numeric literal'],
  ['+1', 0, "invalid character '+' looking for beginning of value"],
  ['nul', 0, "invalid character 'n' looking for beginning of value"],
  ['tru', 0, "invalid character 't' looking for beginning of value"],
  ['{"a":1} x', 8, "invalid character 'x' after top-level value"],
  ['"\t"', 1, 'invalid character in string literal'],
  ['"\\x"', 2, 'invalid character in string escape code'],
  ['"\\u12g4"', 5, 'invalid character in \\u hexadecimal character escape'],
  ["{'a':1}", 1, "invalid character '\\'' looking for beginning of object key string"],
  ['[1 2]', 3, "invalid character '2' after array element"],
  [' {}', 0, "invalid character ' ' looking for beginning of value"],
  ['{"a" 1}', 5, "invalid character '1' after object key"],
  ['{"a":}', 5, "invalid character '}' looking for beginning of value"],
  ['{,}', 1, "invalid character ',' looking for beginning of object key string"],
  ['[,1]', 1, "invalid character ',' looking for beginning of value"],
  ['{"a":1 "b":2}', 7, "invalid character '\"' after object key:value pair"],
  ['[1}', 2, "invalid character '}' after array element"],
  ['{"a":1]', 6, "invalid character ']' after object key:value pair"],
  ['"abc', 4, 'unexpected end of JSON input'],
  ['{"a":"b\\', 8, 'invalid character in string escape code'],
  ['1e', 2, 'invalid character in exponent of numeric literal'],
  ['1e+', 3, 'invalid character in exponent of numeric literal'],
  ['-x', 1, 'invalid character in numeric literal'],
  ['[-]', 2, 'invalid character in numeric literal'],
  ['{"a":[1,2,{"b":nul}]}', 15, "invalid character 'n' looking for beginning of value"],
  ['{"a":1}}', 7, "invalid character '}' after top-level value"],
  ['[[]]]', 4, "invalid character ']' after top-level value"],
  ['{"\u0001":1}', 2, 'invalid character in string literal'],
  ['"\u001f"', 1, 'invalid character in string literal'],
  ['{"a":1,"b":}', 11, "invalid character '}' looking for beginning of value"],
  ['[1,2,3', 6, 'unexpected end of JSON input'],
  ['{"a":{"b":[true,fals]}}', 16, "invalid character 'f' looking for beginning of value"],
  ['{"k":"v"}\n\t x', 12, "invalid character 'x' after top-level value"],
  ['"\\ud800"x', 8, "invalid character 'x' after top-level value"],
];

describe('checkJson error offsets and messages', () => {
  it.each(CASES)('%j', (text, offset, message) => {
    const problem = checkJson(text);
    expect(problem === undefined ? [undefined, undefined] : [problem.offset, problem.message]).toEqual([
      offset,
      message,
    ]);
  });
});
