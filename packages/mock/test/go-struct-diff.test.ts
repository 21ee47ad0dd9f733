/**
 * decodeStruct (compiled specs, in-place walk, ASCII key fast path) against the plain reading
 * it replaced: unquote every key, exact field name or Go-folded name, callbacks over members.
 */
import { describe, expect, it } from 'vitest';
import { decodeStruct, fold, jsonType, type StructSpec } from '../src/json/go-struct.js';
import { checkJson } from '../src/json/scan.js';
import { unquote } from '../src/json/unquote.js';
import { forEachElement, forEachMember } from '../src/json/walk.js';
import { prng } from './support/prng.js';

function reference(text: string, spec: StructSpec): unknown {
  const value: Record<string, unknown> = {};
  for (const field in spec) value[field] = spec[field] === 'string' ? '' : spec[field] === 'raw' ? undefined : [];
  const first = text.charCodeAt(0);
  if (first === 110) return { ok: true, value };
  if (first !== 123) return { ok: false, path: '', message: `must be an object (got ${jsonType(first)})` };
  let problem: { path: string; message: string } | undefined;
  forEachMember(text, 0, (m) => {
    if (problem) return;
    const key = unquote(text, m.keyStart, m.keyEnd);
    const field = Object.hasOwn(spec, key) ? key : Object.hasOwn(spec, fold(key)) ? fold(key) : undefined;
    if (field === undefined) return;
    const kind = spec[field];
    const c = text.charCodeAt(m.valueStart);
    if (kind === 'raw') value[field] = text.slice(m.valueStart, m.valueEnd);
    else if (kind === 'string') {
      if (c === 34) value[field] = unquote(text, m.valueStart, m.valueEnd);
      else if (c !== 110) problem = { path: `/${field}`, message: `must be a string (got ${jsonType(c)})` };
    } else if (c === 110) value[field] = [];
    else if (c !== 91) problem = { path: `/${field}`, message: `must be an array of strings (got ${jsonType(c)})` };
    else {
      const items: string[] = [];
      forEachElement(text, m.valueStart, (s, e) => {
        if (problem) return;
        const d = text.charCodeAt(s);
        if (d === 34) items.push(unquote(text, s, e));
        else if (d === 110) items.push('');
        else problem = { path: `/${field}/${items.length}`, message: `must be a string (got ${jsonType(d)})` };
      });
      value[field] = items;
    }
  });
  return problem ? { ok: false, ...problem } : { ok: true, value };
}

describe('decodeStruct differential', () => {
  const specs: StructSpec[] = [
    { channel: 'string', data: 'raw', client: 'string', uid: 'string' },
    { channels: 'strings', data: 'raw', client: 'string' },
    { uid: 'string', method: 'string', params: 'raw' },
    { Mixed: 'string', sKip: 'raw' },
  ];
  it('agrees with the reference on 20,000 random objects', () => {
    const rand = prng(0x5eed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const keys = ['channel', 'CHANNEL', 'Channel', 'chAnnel', 'channels', 'data', 'DATA', 'client', 'uid', 'UID', 'method', 'params', 'mixed', 'Mixed', 'MIXED', 'skip', 'sKip', '\u017fkip', '\\u0063hannel', 'c\\u0068annels', 'channe\u212a', 'x', '', 'dat\u0430', 'ch\\"', '\ud800'];
    const values = ['"a"', '"b\\u00e9"', '"\\ud800"', '"<&>"', 'null', '1', '-0.5e3', 'true', 'false', '{"a":[1,{"b":null}]}', '[]', '["x","y"]', '["x",null,"z"]', '["x",1]', '[[]]', '"\\ud83d\\ude00"', '""'];
    for (let n = 0; n < 20_000; n += 1) {
      const count = Math.floor(rand() * 6);
      const members: string[] = [];
      for (let i = 0; i < count; i += 1) members.push(`${pick(['', ' ', '\n'])}"${pick(keys)}"${pick(['', ' '])}:${pick(['', '\t'])}${pick(values)}`);
      const text = rand() < 0.03 ? 'null' : `{${members.join(',')}${pick(['', ' '])}}`;
      if (checkJson(text)) continue;
      const spec = pick(specs);
      expect(decodeStruct(text, 0, text.length, spec), text).toEqual(reference(text, spec));
    }
  });
});
