/**
 * decodeGoStructAt on flat structs (what the 1.x commands and params decode into: compiled
 * structs, an in-place walk, the ASCII key fast path) against the plain reading it replaced:
 * unquote every key, exact field name or Go-folded name, callbacks over members.
 */
import { describe, expect, it } from 'vitest';
import { decodeGoStructAt } from '../src/json/go-decode.js';
import { fold } from '../src/json/go-fields.js';
import { goTable, type GoStructs } from '../src/json/go-kinds.js';
import { checkJson } from '../src/json/scan.js';
import { unquote } from '../src/json/unquote.js';
import { forEachElement, forEachMember, jsonType } from '../src/json/walk.js';
import { prng } from './support/prng.js';

type FlatSpec = Readonly<Record<string, 'string' | 'raw' | 'strings'>>;

/** What Go decodes, or undefined for a case the plain reading does not model (a second array into one slice field reuses the first's elements). */
function reference(text: string, name: string, spec: FlatSpec): unknown {
  const value: Record<string, unknown> = {};
  for (const field in spec) value[field] = spec[field] === 'string' ? '' : spec[field] === 'raw' ? undefined : [];
  const first = text.charCodeAt(0);
  if (first === 110) return { ok: true, value };
  if (first !== 123)
    return { ok: false, path: '', message: `cannot unmarshal ${jsonType(first)} into Go value of type ${name}` };
  let problem: { path: string; message: string } | undefined;
  const arrays = new Set<string>();
  let reused = false;
  forEachMember(text, 0, (m) => {
    if (problem) return;
    const key = unquote(text, m.keyStart, m.keyEnd);
    const field = Object.hasOwn(spec, key) ? key : Object.keys(spec).find((name) => fold(name) === fold(key));
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
      if (arrays.has(field)) reused = true;
      arrays.add(field);
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
  if (reused) return undefined;
  return problem ? { ok: false, ...problem } : { ok: true, value };
}

describe('decodeGoStructAt on flat structs, differential', () => {
  const structs = {
    Publish: { channel: 'string', data: 'raw', client: 'string', uid: 'string' },
    Broadcast: { channels: 'strings', data: 'raw', client: 'string' },
    Command: { uid: 'string', method: 'string', params: 'raw' },
    Odd: { Mixed: 'string', sKip: 'raw' },
  } as const satisfies GoStructs;
  const table = goTable(structs);
  const names = Object.keys(structs) as (keyof typeof structs)[];
  it('agrees with the reference on 20,000 random objects', () => {
    const rand = prng(0x5eed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const keys = [
      'channel',
      'CHANNEL',
      'Channel',
      'chAnnel',
      'channels',
      'data',
      'DATA',
      'client',
      'uid',
      'UID',
      'method',
      'params',
      'mixed',
      'Mixed',
      'MIXED',
      'skip',
      'sKip',
      '\u017fkip',
      '\\u0063hannel',
      'c\\u0068annels',
      'channe\u212a',
      'x',
      '',
      'dat\u0430',
      'ch\\"',
      '\ud800',
    ];
    const values = [
      '"a"',
      '"b\\u00e9"',
      '"\\ud800"',
      '"<&>"',
      'null',
      '1',
      '-0.5e3',
      'true',
      'false',
      '{"a":[1,{"b":null}]}',
      '[]',
      '["x","y"]',
      '["x",null,"z"]',
      '["x",1]',
      '[[]]',
      '"\\ud83d\\ude00"',
      '""',
    ];
    let checked = 0;
    for (let n = 0; n < 20_000; n += 1) {
      const count = Math.floor(rand() * 6);
      const members: string[] = [];
      for (let i = 0; i < count; i += 1)
        members.push(`${pick(['', ' ', '\n'])}"${pick(keys)}"${pick(['', ' '])}:${pick(['', '\t'])}${pick(values)}`);
      const text = rand() < 0.03 ? 'null' : `{${members.join(',')}${pick(['', ' '])}}`;
      if (checkJson(text)) continue;
      const name = pick(names);
      const want = reference(text, name, structs[name]);
      if (want === undefined) continue;
      const got = decodeGoStructAt(text, 0, table, name);
      expect(
        got.ok ? { ok: true, value: got.value } : { ok: false, path: got.path, message: got.message },
        text,
      ).toEqual(want);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(15_000);
  });
});
