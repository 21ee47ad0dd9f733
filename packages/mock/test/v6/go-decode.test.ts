/**
 * The Go decoding kinds v6 needs (`src/json/go-decode.ts`), each against what Go 1.26's
 * encoding/json does with the same struct (checked with a Go program while writing them; the
 * server-level consequences are checked against the real Centrifugo by the v6 golden replay).
 */
import { describe, expect, it } from 'vitest';
import { goBase64Decode } from '../../src/json/go-base64.js';
import { decodeGoDocument, goTable, type GoStructs } from '../../src/json/go-decode.js';
import { MAX_NESTING_DEPTH } from '../../src/json/scan.js';

const structs = goTable({
  T: {
    channel: 'string',
    data: 'raw',
    skip: 'bool',
    tags: 'string-map',
    version: 'uint64',
    limit: 'int32',
    expire_at: 'int64',
    code: 'uint32',
    since: { struct: 'SP' },
    channels: 'strings',
    filter: { struct: 'F' },
    nodes: { list: 'F' },
  },
  SP: { offset: 'uint64', epoch: 'string' },
  F: { op: 'string', vals: 'strings', nodes: { list: 'F' } },
} as const satisfies GoStructs);

const decode = (text: string) => decodeGoDocument(text, structs, 'T');
const value = (text: string) => {
  const r = decode(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.value;
};

describe('decodeGoDocument: json.Unmarshal into a struct', () => {
  it('gives the zero struct for null and refuses other non-objects and bad syntax', () => {
    expect(value('null')).toMatchObject({
      channel: '',
      data: undefined,
      skip: false,
      version: 0n,
      limit: 0,
      channels: [],
    });
    for (const t of ['[]', '5', '"x"', 'true']) expect(decode(t)).toMatchObject({ ok: false, kind: 'type' });
    for (const t of ['', '{', '{"a":1} x', "{'a':1}"]) expect(decode(t)).toMatchObject({ ok: false, kind: 'syntax' });
    expect(value(' {"channel":"a"} \n').channel).toBe('a');
  });

  it('matches keys exactly, else with Go’s folding; the last duplicate wins; unknown keys are skipped', () => {
    expect(value('{"CHANNEL":"a","Channel":"b"}').channel).toBe('b');
    expect(value('{"\\u0063hannel":"esc"}').channel).toBe('esc');
    expect(value('{"s\u212aip":true}').skip).toBe(true);
    expect(value('{"\u017fince":{"offset":2}}').since?.offset).toBe(2n);
    expect(value('{"channel":"x","zz":{"deep":[1,{"a":null}]}}').channel).toBe('x');
  });

  it('keeps raw values byte for byte (null included) and leaves scalars alone on null', () => {
    expect(value('{"data":  {"a" : 1} }').data).toBe('{"a" : 1}');
    expect(value('{"data":null}').data).toBe('null');
    expect(value('{"channel":"a","channel":null}').channel).toBe('a');
    expect(value('{"skip":null,"skip":true}').skip).toBe(true);
  });

  it('refuses a wrong JSON type anywhere, with its path', () => {
    expect(decode('{"channel":1}')).toMatchObject({ ok: false, path: '/channel' });
    expect(decode('{"skip":"true"}')).toMatchObject({ ok: false, path: '/skip' });
    expect(decode('{"tags":{"a":1}}')).toMatchObject({ ok: false, path: '/tags/a' });
    expect(decode('{"channels":[1]}')).toMatchObject({ ok: false, path: '/channels/0' });
    expect(decode('{"since":[]}')).toMatchObject({ ok: false, path: '/since' });
    expect(decode('{"filter":{"nodes":[{"nodes":[{"op":1}]}]}}')).toMatchObject({
      ok: false,
      path: '/filter/nodes/0/nodes/0/op',
    });
  });

  it('takes integer literals only, within the field’s range', () => {
    expect(value('{"limit":-2147483648}').limit).toBe(-2147483648);
    expect(value('{"limit":-0}').limit).toBe(0);
    expect(value('{"version":18446744073709551615}').version).toBe(18446744073709551615n);
    expect(value('{"expire_at":-9223372036854775808}').expire_at).toBe(-9223372036854775808n);
    expect(value('{"code":4294967295}').code).toBe(4294967295);
    for (const t of [
      '{"limit":2147483648}',
      '{"version":-1}',
      '{"version":-0}',
      '{"version":1.0}',
      '{"version":1e2}',
      '{"version":18446744073709551616}',
      '{"code":4294967296}',
      '{"version":"5"}',
    ]) {
      expect(decode(t).ok, t).toBe(false);
    }
  });

  it('merges a duplicate struct or map into the first, and sets nil on null', () => {
    expect(value('{"since":{"offset":1},"since":{"epoch":"e"}}').since).toEqual({ offset: 1n, epoch: 'e' });
    expect(value('{"since":{"offset":1},"since":null}').since).toBeUndefined();
    expect(value('{"tags":{"a":"1"},"tags":{"b":"2"}}').tags).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
      ]),
    );
    expect(value('{"tags":{"a":"1"},"tags":null}').tags).toBeUndefined();
    expect(value('{"tags":{"a":null}}').tags).toEqual(new Map([['a', '']]));
  });

  it('reuses a slice’s capacity for a duplicate array, as reflect does', () => {
    expect(value('{"channels":["a","b"],"channels":[null]}').channels).toEqual(['a']);
    expect(value('{"channels":["a","b","c"],"channels":["x"],"channels":[null,null]}').channels).toEqual(['x', 'b']);
    expect(value('{"channels":["a","b"],"channels":[],"channels":[null,null]}').channels).toEqual(['', '']);
    const nodes = value(
      '{"nodes":[{"op":"a"},{"op":"b"}],"nodes":[{"vals":["k"]}],"nodes":[null,{"vals":["z"]}]}',
    ).nodes;
    expect(nodes.map((n) => n && { op: n.op, vals: n.vals })).toEqual([undefined, { op: 'b', vals: ['z'] }]);
  });

  it('walks a recursive type as deep as the syntax allows, without recursion', () => {
    const depth = MAX_NESTING_DEPTH / 2 - 2;
    const text = `{"filter":${'{"nodes":['.repeat(depth)}{"op":"deep"}${']}'.repeat(depth)}}`;
    let node = value(text).filter;
    for (let i = 0; i < depth; i += 1) node = node?.nodes[0];
    expect(node?.op).toBe('deep');
  });
});

describe('goBase64Decode: base64.StdEncoding.DecodeString', () => {
  it('needs the standard alphabet and padding, ignores CR and LF', () => {
    expect(goBase64Decode('eyJhIjoxfQ==')?.toString()).toBe('{"a":1}');
    expect(goBase64Decode('eyJh\r\nIjoxfQ==')?.toString()).toBe('{"a":1}');
    expect(goBase64Decode('Mh==')).toEqual(Buffer.from([0x32])); // nonzero trailing bits are fine
    expect(goBase64Decode('')).toEqual(Buffer.alloc(0));
    for (const bad of ['eyJhIjoxfQ', 'eyJhIjoxfQ=', '!!', 'a-_b', 'A===', '====', 'AB=A', 'eyJhIjoxfQ== '])
      expect(goBase64Decode(bad), bad).toBeUndefined();
  });
});
