/**
 * goView: the JSON as a Go server reads it, for a schema to judge. Cases, then a differential
 * check against the decoder itself on random documents: every field the view shows is what the
 * decoder stored (or, on a failure, the value it failed on).
 */
import { describe, expect, it } from 'vitest';
import { decodeGoStructAt } from '../src/json/go-decode.js';
import { goTable, type GoStructs } from '../src/json/go-kinds.js';
import { goDocumentView, goView } from '../src/json/go-view.js';
import { checkJson, MAX_NESTING_DEPTH } from '../src/json/scan.js';
import { skipValue } from '../src/json/walk.js';
import { prng } from './support/prng.js';

const structs = goTable({
  T: {
    channel: 'string',
    data: 'raw',
    skip: 'bool',
    limit: 'int32',
    channels: 'strings',
    tags: 'string-map',
    since: { struct: 'SP' },
    nodes: { list: 'F' },
  },
  SP: { offset: 'uint64', epoch: 'string' },
  F: { op: 'string', nodes: { list: 'F' } },
} as const satisfies GoStructs);

const view = (text: string) => goDocumentView(text, structs, 'T');

describe('goView', () => {
  it('names struct fields as Go matches them, keeps unknown keys and map keys as sent', () => {
    expect(view('{"CHANNEL":"a","Zz":1,"\\u0073kip":true,"Tags":{"A":"1","a":null}}')?.value).toEqual({
      channel: 'a',
      Zz: 1,
      skip: true,
      tags: { A: '1', a: null },
    });
    expect(
      view('{"\u017fince":{"OFFSET":3,"x":[1]},"nodes":[{"OP":"or","Nodes":[{"op":"and"}]},null]}')?.value,
    ).toEqual({
      since: { offset: 3, x: [1] },
      nodes: [{ op: 'or', nodes: [{ op: 'and' }] }, null],
    });
    expect(view('null')?.value).toBeNull();
    expect(view('{"__proto__":{"a":1}}')?.value).toEqual(JSON.parse('{"__proto__":{"a":1}}'));
    expect(view('{"a":')).toBeUndefined();
  });

  it('takes the last duplicate, but null leaves a string, bool or number as it was', () => {
    expect(view('{"channel":"a","Channel":null,"skip":true,"SKIP":null,"limit":1,"limit":null}')?.value).toEqual({
      channel: 'a',
      skip: true,
      limit: 1,
    });
    expect(view('{"channel":null}')?.value).toEqual({ channel: null });
    expect(view('{"data":1,"data":null,"channels":["x"],"channels":null}')?.value).toEqual({
      data: null,
      channels: null,
    });
  });

  it('keeps the value the decode failed on, whatever follows, with the decoder’s verdict', () => {
    const r = view('{"channel":5,"channel":"ok","limit":1.5}');
    expect(r?.value).toEqual({ channel: 5, limit: 1.5 });
    expect(r?.failure).toMatchObject({ kind: 'type', path: '/channel' });
    expect(view('{"since":{"offset":-1},"since":{"offset":2}}')?.value).toEqual({ since: { offset: -1 } });
    expect(view('{"channels":["a",1],"channels":["b"]}')?.value).toEqual({ channels: ['a', 1] });
    expect(view('{"limit":1e2}')?.failure).toMatchObject({ kind: 'number', path: '/limit' });
    expect(view('[1]')).toMatchObject({ value: [1], failure: { kind: 'type', path: '' } });
  });

  it('walks a filter tree as deep as Go allows without recursion', () => {
    const depth = MAX_NESTING_DEPTH / 2 - 2;
    const text = `{"nodes":[${'{"NODES":['.repeat(depth)}${']}'.repeat(depth)}]}`;
    let v = view(text)?.value as { nodes: { nodes: unknown[] }[] };
    let n = 0;
    while (v.nodes.length > 0) {
      v = v.nodes[0] as { nodes: { nodes: unknown[] }[] };
      n += 1;
    }
    expect(n).toBe(depth);
  });
});

describe('goView, differential against the decoder', () => {
  it('shows what the decoder stored, or the value it failed on, on 10,000 random documents', () => {
    const rand = prng(0x71e3);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const keys = [
      'channel',
      'CHANNEL',
      'Channel',
      'data',
      'Data',
      'skip',
      'sKip',
      '\u017fkip',
      'limit',
      'LIMIT',
      'channels',
      'tags',
      'since',
      'x',
      '\\u0063hannel',
    ];
    const values = [
      '"a"',
      '"b"',
      'null',
      '1',
      '-2',
      '1.5',
      '1e2',
      'true',
      'false',
      '{}',
      '{"offset":1}',
      '{"OFFSET":2,"epoch":"e"}',
      '[]',
      '["x",null]',
      '["x",1]',
      '{"a":"1"}',
      '{"a":1}',
    ];
    let failures = 0;
    for (let n = 0; n < 10_000; n += 1) {
      const members = Array.from({ length: Math.floor(rand() * 6) }, () => `"${pick(keys)}":${pick(values)}`);
      const text = `{${members.join(',')}}`;
      if (checkJson(text) !== undefined) continue;
      const decoded = decodeGoStructAt(text, 0, structs, 'T');
      const shown = goView(text, 0, structs, { struct: 'T' }, decoded.ok ? -1 : decoded.offset) as Record<
        string,
        unknown
      >;
      if (!decoded.ok) {
        failures += 1;
        const [field] = decoded.path.slice(1).split('/');
        const bad = JSON.parse(text.slice(decoded.offset, skipValue(text, decoded.offset))) as unknown;
        if (decoded.path === `/${field}`) expect(shown[field as string], text).toEqual(bad);
        continue;
      }
      const v = decoded.value;
      expect(shown['channel'] ?? '', text).toBe(v.channel);
      expect(shown['skip'] ?? false, text).toBe(v.skip);
      expect(shown['limit'] ?? 0, text).toBe(v.limit);
      expect(shown['data'], text).toEqual(v.data === undefined ? undefined : JSON.parse(v.data));
      expect(
        Object.keys(shown).filter((k) => k.toLowerCase() === 'channel' || k === '\\u0063hannel'),
        text,
      ).toEqual(Object.keys(shown).includes('channel') ? ['channel'] : []);
    }
    expect(failures).toBeGreaterThan(1000);
  });
});
