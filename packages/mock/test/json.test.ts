import { describe, expect, it } from 'vitest';
import { goCompact } from '../src/json/go-compact.js';
import { goQuote } from '../src/json/go-quote.js';
import { decodeGoStructAt, goTable } from '../src/json/go-decode.js';
import { checkJson, MAX_NESTING_DEPTH } from '../src/json/scan.js';
import { unquote } from '../src/json/unquote.js';
import { METRIC_NAMES } from '../src/state/metrics.js';
import { loadTranscripts } from './support/golden.js';

describe('checkJson (Go encoding/json syntax)', () => {
  it.each(['{}', '[]', ' {"a":[1,-0,1.5e+3,true,false,null,"x\\u00e9\\n"]} \n', '"s"', '0', '{"a":{"b":{}}}'])(
    'accepts %j',
    (t) => {
      expect(checkJson(t)).toBeUndefined();
    },
  );
  it.each([
    '',
    '{',
    '{"a"}',
    '{"a":1,}',
    '[1,]',
    '01',
    '1.',
    '.5',
    '-',
    '+1',
    'nul',
    '{"a":1} x',
    '"\t"',
    '"\\x"',
    '"\\u12g4"',
    "{'a':1}",
    '[1 2]',
    '\u00a0{}',
  ])('rejects %j', (t) => {
    expect(checkJson(t)).toBeDefined();
  });
  it('handles nesting far deeper than the stack without recursion, with Go’s depth limit', () => {
    expect(checkJson('['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH))).toBeUndefined();
    expect(checkJson('['.repeat(MAX_NESTING_DEPTH + 1) + ']'.repeat(MAX_NESTING_DEPTH + 1))?.message).toBe(
      'exceeded max depth',
    );
    expect(checkJson('[{"a":'.repeat(500_000))).toBeDefined();
  });
});

describe('goCompact (json.Marshal of a RawMessage)', () => {
  it('drops whitespace outside strings only', () => {
    expect(goCompact('{ "a" : [1, 2 ,3] ,"b":"x y" }')).toBe('{"a":[1,2,3],"b":"x y"}');
  });
  it('HTML-escapes <, >, & and escapes U+2028/U+2029 inside strings', () => {
    expect(goCompact('{"html":"<b>&amp;</b>","t":"\u2028\u2029"}')).toBe(
      '{"html":"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e","t":"\\u2028\\u2029"}',
    );
  });
  it('keeps number literals and existing escapes verbatim', () => {
    expect(goCompact('[1.0, 1e3, 12345678901234567890123, -0, "\\"<\\\\"]')).toBe(
      '[1.0,1e3,12345678901234567890123,-0,"\\"\\u003c\\\\"]',
    );
  });
});

describe('goQuote (Go 1.19 string encoding)', () => {
  it('escapes like encoding/json', () => {
    expect(goQuote('a"b\\c\n\r\t\b\f\u0001<>&\u2028')).toBe(
      '"a\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0001\\u003c\\u003e\\u0026\\u2028"',
    );
  });
  it('keeps valid surrogate pairs and replaces lone surrogates', () => {
    expect(goQuote('😀')).toBe('"😀"');
    expect(goQuote('a\ud800b')).toBe('"a\\ufffdb"');
  });
});

describe('unquote', () => {
  it('resolves escapes and turns a lone \\u surrogate into U+FFFD', () => {
    const t = '"\\u0041\\ud83d\\ude00\\ud800x\\/"';
    expect(unquote(t, 0, t.length)).toBe('A😀\ufffdx/');
  });
});

describe('decodeGoStructAt into a flat struct (the 1.x commands and params)', () => {
  const structs = goTable({ T: { channel: 'string', data: 'raw', channels: 'strings' } } as const);
  const decode = (t: string) => {
    const r = decodeGoStructAt(t, 0, structs, 'T');
    return r.ok ? { ok: true, value: r.value } : r;
  };
  it('matches keys case-insensitively, last duplicate wins, unknown keys ignored', () => {
    const r = decode('{"CHANNEL":"a","Channel":"b","Data":{"x":1},"other":[1]}');
    expect(r).toEqual({ ok: true, value: { channel: 'b', data: '{"x":1}', channels: [] } });
  });
  it('folds the Kelvin sign and long s like Go', () => {
    expect(decode('{"\u017fome":1,"channel\u017f":["x"]}')).toEqual({
      ok: true,
      value: { channel: '', data: undefined, channels: ['x'] },
    });
  });
  it('null leaves a string untouched; null object is the zero struct; data null is kept raw', () => {
    expect(decode('{"channel":"a","channel":null,"data":null}')).toEqual({
      ok: true,
      value: { channel: 'a', data: 'null', channels: [] },
    });
    expect(decode('null')).toEqual({ ok: true, value: { channel: '', data: undefined, channels: [] } });
  });
  it('a wrong type is an error with a path', () => {
    expect(decode('{"channel":5}')).toMatchObject({ ok: false, path: '/channel' });
    expect(decode('{"channels":["a",1]}')).toMatchObject({ ok: false, path: '/channels/1' });
    expect(decode('[]')).toMatchObject({ ok: false, path: '' });
  });
});

describe('metrics', () => {
  it('has the 74 keys in the order the real server emits them', () => {
    const stats = loadTranscripts().find((e) => e.name === 'stats');
    const body = JSON.parse(stats?.response.body ?? '[]') as [{ body: { data: { nodes: [{ metrics: object }] } } }];
    expect(METRIC_NAMES).toEqual(Object.keys(body[0].body.data.nodes[0].metrics));
    expect(METRIC_NAMES).toHaveLength(74);
  });
});
