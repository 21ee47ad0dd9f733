// Differential test of the quarantined flat loop (src/json/go-decode-flat.ts): decodeGoStructAt,
// which tries it first, against decodeGoStructWalked, the generic walk alone, on random seeded
// documents over a struct of every field kind — keys in any case, unknown and duplicate keys,
// values of every JSON type (so both the flat loop's own cases and every hand-over to the walk
// are met), integers in and out of range, escapes, whitespace.
import { describe, expect, it } from 'vitest';
import { decodeGoStructAt, decodeGoStructWalked } from '../src/json/go-decode.js';
import { goTable } from '../src/json/go-kinds.js';
import { prng } from './support/prng.js';

const TABLE = goTable({
  All: {
    s: 'string',
    raw: 'raw',
    flag: 'bool',
    i32: 'int32',
    u32: 'uint32',
    i64: 'int64',
    u64: 'uint64',
    list: 'strings',
    tags: 'string-map',
    inner: { struct: 'Inner' },
    items: { list: 'Inner' },
    kelvin: 'string',
  },
  Inner: { name: 'string', n: 'int32' },
} as const);

const KEYS = ['s', 'raw', 'flag', 'i32', 'u32', 'i64', 'u64', 'list', 'tags', 'inner', 'items', 'kelvin', 'other'];
const NUMBERS = [
  '0',
  '-1',
  '7',
  '2147483647',
  '2147483648',
  '-2147483649',
  '4294967295',
  '4294967296',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
  '1.5',
  '1e3',
  '-0',
  '12345678901234567890123',
];

type Next = () => number;
const pick = <T>(next: Next, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;

function key(next: Next): string {
  const k = pick(next, KEYS);
  const r = next();
  if (r < 0.15) return k.toUpperCase();
  if (r < 0.2 && k === 'kelvin') return '\u212aelvin'; // the Kelvin sign folds to k
  if (r < 0.25) return `\\u00${k.charCodeAt(0).toString(16)}${k.slice(1)}`; // an escaped first letter
  return k;
}

function value(next: Next, depth: number): string {
  const r = next();
  if (r < 0.25) return JSON.stringify(pick(next, ['', 'bench', 'h\u00e9llo', 'a"b\\c', '\u2028', 'x'.repeat(40)]));
  if (r < 0.4) return pick(next, NUMBERS);
  if (r < 0.5) return pick(next, ['true', 'false']);
  if (r < 0.62) return 'null';
  if (r < 0.8 || depth > 2) {
    const n = Math.floor(next() * 4);
    const members = Array.from(
      { length: n },
      () => `${JSON.stringify(pick(next, ['name', 'n', 'k', 'NAME']))}:${value(next, depth + 1)}`,
    );
    return `{${members.join(',')}}`;
  }
  const n = Math.floor(next() * 4);
  return `[${Array.from({ length: n }, () => value(next, depth + 1)).join(' , ')}]`;
}

function document(next: Next): string {
  const r = next();
  if (r < 0.03) return 'null';
  if (r < 0.05) return pick(next, ['[]', '"x"', '1', 'true']);
  const n = Math.floor(next() * 7);
  const members = Array.from({ length: n }, () => {
    const k = key(next);
    return `${k.startsWith('\\') ? `"${k}"` : JSON.stringify(k)}${next() < 0.2 ? ' : ' : ':'}${value(next, 0)}`;
  });
  return `${next() < 0.2 ? ' ' : ''}{${members.join(next() < 0.2 ? ' ,\n' : ',')}}`;
}

describe('the flat loop gives what the generic walk gives', () => {
  it('on 20,000 random documents over every field kind', () => {
    const next = prng(0xf1a7);
    let flatOnly = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const text = document(next);
      const start = text.charCodeAt(0) === 32 ? 1 : 0;
      JSON.parse(text); // the generator makes valid JSON only (the decoders' precondition)
      const walked = decodeGoStructWalked(text, start, TABLE, 'All');
      expect(decodeGoStructAt(text, start, TABLE, 'All'), text).toEqual(walked);
      if (walked.ok && !/[[{]/.test(text.slice(start + 1))) flatOnly += 1;
    }
    // Both kinds of document were met: ones the flat loop finishes and ones it hands over.
    expect(flatOnly).toBeGreaterThan(1000);
    expect(flatOnly).toBeLessThan(19_000);
  });

  it('on the documents the benchmarks send', () => {
    for (const text of [
      '{"channel":"bench","data":{"text":"hello"}}',
      '{"method":"publish","params":{"channel":"bench","data":{"text":"hello"}}}',
    ]) {
      const table = goTable({ P: { channel: 'string', data: 'raw', method: 'string', params: 'raw' } } as const);
      expect(decodeGoStructAt(text, 0, table, 'P')).toEqual(decodeGoStructWalked(text, 0, table, 'P'));
    }
  });
});
