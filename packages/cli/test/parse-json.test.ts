import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { findInexactNumber, parseJson } from '../src/params/parse-json.js';
import { closestName, editDistance } from '../src/params/suggest.js';

function problem(text: string): string {
  try {
    parseJson(text, 'params from stdin', 'fix');
  } catch (error) {
    expect((error as CliError).exitCode).toBe(4);
    return (error as CliError).problem;
  }
  throw new Error('expected a params error');
}

describe('parseJson', () => {
  it('parses JSON and names the source and the place of a syntax error', () => {
    expect(parseJson(' {"a": [1, 2.5, "x"]} ', 'w', 'f')).toEqual({ a: [1, 2.5, 'x'] });
    expect(problem('{"a": 1,\n "b" 2}')).toMatch(/^params from stdin is not valid JSON: .* \(line 2, column 6\)$/);
    expect(problem('not json')).toMatch(/^params from stdin is not valid JSON: /);
    expect(problem('{"a":')).toMatch(/Unexpected end of JSON input/);
  });

  it('refuses numbers JavaScript would change (cent sent them as typed), and only those', () => {
    expect(problem('{"channel": "x", "data": {"f": 1.0, "big": 1e400}}')).toBe(
      'params from stdin holds the number 1e400 (line 1, column 44), which JSON numbers in JavaScript cannot carry exactly',
    );
    expect(findInexactNumber('{"n": 12345678901234567890}')).toMatchObject({ token: '12345678901234567890' });
    expect(findInexactNumber('[-9007199254740993]')).toMatchObject({ token: '-9007199254740993' });
    expect(
      findInexactNumber('[9007199254740992, 1e20, 0.1, -0, 1.5e-400, "12345678901234567890", "\\"1e400"]'),
    ).toBeUndefined();
  });
});

describe('closestName', () => {
  const names = [
    'publish',
    'broadcast',
    'unsubscribe',
    'disconnect',
    'presence',
    'history',
    'channels',
    'stats',
    'node',
  ];
  it('suggests a method for a typo, a swap or a prefix, and nothing for something else', () => {
    expect(closestName('pubish', names)).toBe('publish');
    expect(closestName('pbulish', names)).toBe('publish');
    expect(closestName('PUBLISH', names)).toBe('publish');
    expect(closestName('hist', names)).toBe('history');
    expect(closestName('channel', names)).toBe('channels');
    expect(closestName('frobnicate', names)).toBeUndefined();
    expect(editDistance('abc', 'acb')).toBe(1);
  });
});
