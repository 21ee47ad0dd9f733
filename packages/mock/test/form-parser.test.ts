/**
 * The one-pass form parser against the straightforward reading of Go's url.ParseQuery that it
 * replaced (split on `&`, skip pairs with `;`, cut at the first `=`, unescape, first value
 * wins), on random bodies built from the characters that matter.
 */
import { describe, expect, it } from 'vitest';
import { API_FORM_KEYS, ApiForm, parseQueryInto } from '../src/http/form.js';
import { isJsonContentType } from '../src/http/api-input.js';
import { prng } from './support/prng.js';

function referenceUnescape(src: Buffer, start: number, end: number): Buffer | undefined {
  const out: number[] = [];
  const hex = (c: number | undefined) =>
    c === undefined
      ? -1
      : c >= 48 && c <= 57
        ? c - 48
        : c >= 65 && c <= 70
          ? c - 55
          : c >= 97 && c <= 102
            ? c - 87
            : -1;
  for (let i = start; i < end; i += 1) {
    const c = src[i] as number;
    if (c === 0x2b) out.push(0x20);
    else if (c === 0x25) {
      if (i + 2 >= end || hex(src[i + 1]) < 0 || hex(src[i + 2]) < 0) return undefined;
      out.push(hex(src[i + 1]) * 16 + hex(src[i + 2]));
      i += 2;
    } else out.push(c);
  }
  return Buffer.from(out);
}

function referenceParse(src: Buffer, wanted: readonly string[]): Map<string, Buffer> {
  const into = new Map<string, Buffer>();
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf(0x26, start);
    if (end < 0) end = src.length;
    if (end > start && !src.subarray(start, end).includes(0x3b)) {
      let eq = src.indexOf(0x3d, start);
      if (eq < 0 || eq > end) eq = end;
      const key = referenceUnescape(src, start, eq);
      const name = key?.toString('utf8');
      if (name !== undefined && wanted.includes(name) && !into.has(name)) {
        const value = eq === end ? Buffer.alloc(0) : referenceUnescape(src, eq + 1, end);
        if (value !== undefined) into.set(name, value);
      }
    }
    start = end + 1;
  }
  return into;
}

describe('form parser', () => {
  it('agrees with the reference on 20,000 random bodies (Map and ApiForm sinks, decoding into new buffers or in place)', () => {
    const rand = prng(0xf0e);
    const pieces = [
      'data',
      'sign',
      'dat',
      'signs',
      'd%61ta',
      'si%67n',
      's+ign',
      '=',
      '=',
      '&',
      '&',
      ';',
      '%',
      '%4',
      '%41',
      '%zz',
      '+',
      'x',
      '%5B%7B%22a%22%3A1%7D%5D',
      '\xff',
      'é',
    ];
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      const count = Math.floor(rand() * 12);
      for (let i = 0; i < count; i += 1) text += pieces[Math.floor(rand() * pieces.length)];
      const src = Buffer.from(text, rand() < 0.5 ? 'latin1' : 'utf8');
      const expected = referenceParse(src, API_FORM_KEYS);
      const map = new Map<string, Buffer>();
      parseQueryInto(map, src, API_FORM_KEYS);
      expect(map, JSON.stringify(text)).toEqual(expected);
      const form = new ApiForm();
      parseQueryInto(form, src, API_FORM_KEYS);
      expect({ data: form.data, sign: form.sign }, JSON.stringify(text)).toEqual({
        data: expected.get('data'),
        sign: expected.get('sign'),
      });
      const own = Buffer.from(src);
      const inPlace = new ApiForm();
      parseQueryInto(inPlace, own, API_FORM_KEYS, true);
      expect({ data: inPlace.data, sign: inPlace.sign }, `in place: ${JSON.stringify(text)}`).toEqual({
        data: expected.get('data'),
        sign: expected.get('sign'),
      });
    }
  });
  it('is linear in the number of pairs', () => {
    const src = Buffer.from('&a=1'.repeat(500_000));
    const started = performance.now();
    parseQueryInto(new ApiForm(), src, API_FORM_KEYS);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('isJsonContentType', () => {
  it('is a case-insensitive application/json prefix, as slice + toLowerCase was', () => {
    const values = [
      'application/json',
      'APPLICATION/JSON',
      'Application/Json; charset=utf-8',
      'application/jsonx',
      'application/jso',
      '',
      ' application/json',
      'application/\u212Aon',
      'applİcation/json',
      'application/json\xff',
    ];
    for (const v of values)
      expect(isJsonContentType(v), v).toBe(v.length >= 16 && v.slice(0, 16).toLowerCase() === 'application/json');
  });
});
