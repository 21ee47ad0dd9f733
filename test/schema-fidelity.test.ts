/**
 * Schema fidelity: do the files of schema/centrifugo-v1/ describe what the real Centrifugo 1.8.0
 * accepted and answered in the 214 recorded golden exchanges?
 *
 * For every HTTP exchange the test predicts the server's answer from the schemas (plus the
 * transport rules of server doc §1-§3, which are not schema matters: where data and sign come
 * from, the sign check, the first byte of `data`, JSON syntax) and compares it with the recorded
 * status. So:
 * - every command of a 200 request (and every command a refused batch ran before the refused one)
 *   must pass the command envelope and its method's params schema;
 * - every 400 that got past the sign and JSON stages with known methods must have a command that
 *   fails its params schema (or lacks params its method needs);
 * - every reply of a 200 must pass the reply envelope and its method's result schema, and its soft
 *   error must be a catalogue error the manifest lists for that method, with the catalogue's advice.
 * Exchanges refused for other reasons are classified and counted, never dropped silently.
 *
 * The golden file is a test fixture: test/fixtures/centrifugo-v1/server-transcripts.jsonl.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergePatch } from '../generator/src/ir/merge-patch.js';
import {
  createFidelityCheck,
  EXPECTED_MIN,
  OUTCOME_TEXT,
  type Exchange,
  type Outcome,
  type Report,
} from './support/golden-fidelity.js';
import { loadEditedProtocol, loadProtocol, type LoadedProtocol, type Schema } from './support/load-schemas.js';
import { compareVersions, describeSchemaFiles } from './support/schema-files-checks.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_DIR = path.join(HERE, '..', 'schema', 'centrifugo-v1');
const GOLDEN = path.join(HERE, 'fixtures', 'centrifugo-v1', 'server-transcripts.jsonl');

let P: LoadedProtocol;
let check: ReturnType<typeof createFidelityCheck>;

beforeAll(async () => {
  P = await loadProtocol(SCHEMA_DIR);
  check = createFidelityCheck(P);
});

// The same checks for the current definition and for the 1.0.0 one kept for protocol diffs.
describeSchemaFiles(['centrifugo-v1', 'centrifugo-v1.0'], { minExamples: 60 });

describe('the 1.x error catalogue', () => {
  it('has the errors the server sends', () => {
    const ids = P.catalogue.errors.map((e) => e.id);
    for (const id of [
      'namespace_not_found',
      'internal_server_error',
      'bad_request',
      'invalid_message',
      'not_available',
      'unauthorized',
    ]) {
      expect(ids).toContain(id);
    }
  });
});

describe('schema/centrifugo-v1.0 (Centrifugo 1.0.0, for protocol diffs)', () => {
  it('is the 1.8.0 definition without broadcast (1.2.0), node (1.4.0) and publish uid (1.7.7)', async () => {
    const old = await loadProtocol(path.join(HERE, '..', 'schema', 'centrifugo-v1.0'));
    expect(old.manifest.version).toBe('1.0.0');
    expect(old.manifest.methods.map((m) => m.name)).toEqual(
      P.manifest.methods.map((m) => m.name).filter((m) => m !== 'broadcast' && m !== 'node'),
    );
    for (const m of old.manifest.methods) expect(compareVersions(m.since, '1.0.0'), m.name).toBeLessThanOrEqual(0);

    const uid = (P.files.get('methods/publish.params.schema.json')?.['properties'] as Record<string, Schema>)['uid'];
    expect(uid?.['x-since']).toBe('1.7.7');
    const oldPublish = old.files.get('methods/publish.params.schema.json') as Schema;
    expect(Object.keys(oldPublish['properties'] as object)).toEqual(['channel', 'data', 'client']);
    expect(old.validator('methods/publish.params.schema.json')({ channel: 'public:chat', data: 1, uid: 5 })).toBe(true);
    expect(P.validator('methods/publish.params.schema.json')({ channel: 'public:chat', data: 1, uid: 5 })).toBe(false);

    // every other file is the same schema (its documentation, which names later features, aside)
    const strip = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(strip)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => k !== 'description' && k !== 'examples')
                .map(([k, x]) => [k, strip(x)]),
            )
          : v;
    for (const [file, schema] of old.files) {
      if (file === 'methods/publish.params.schema.json' || file === old.manifest.envelopes.command) continue;
      expect(strip(schema), file).toEqual(strip(P.files.get(file)));
    }
    const methodsWithParams = (p: LoadedProtocol) =>
      (p.files.get(p.manifest.envelopes.command)?.['if'] as { properties: { method: { enum: string[] } } }).properties
        .method.enum;
    expect(methodsWithParams(old)).toEqual(methodsWithParams(P).filter((m) => m !== 'broadcast'));
    expect(old.catalogue.errors.map((e) => e.id)).toEqual(
      P.catalogue.errors.map((e) => e.id).filter((id) => id !== 'shutting_down'),
    );
  });
});

describe('fidelity against the golden transcripts of Centrifugo 1.8.0', () => {
  let report: Report;
  let exchanges: Exchange[];

  beforeAll(() => {
    if (!existsSync(GOLDEN)) throw new Error(`golden file not found: ${GOLDEN}`);
    exchanges = readFileSync(GOLDEN, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Exchange);
    report = check.runFidelity(exchanges);
    check.printReport(report, GOLDEN);
  });

  it('classifies every HTTP exchange and finds no mismatch', () => {
    expect(report.failures).toEqual([]);
    const classified = [...report.byOutcome.values()].reduce((n, l) => n + l.length, 0);
    expect(classified).toBe(report.http);
    expect(report.http + report.redisSkipped.length).toBe(report.total);
  });

  it('fails when a schema disagrees with the server: a uid the schema takes as a number, which Go refuses', async () => {
    const edited = await loadEditedProtocol(SCHEMA_DIR, {
      'methods/publish.params.schema.json': (s) => {
        ((s['properties'] as Record<string, Schema>)['uid'] as Schema)['type'] = ['string', 'null', 'number'];
      },
    });
    const failures = createFidelityCheck(edited).runFidelity(exchanges).failures;
    expect(failures).toEqual([
      expect.stringMatching(/^publish_uid_number: server answered 400, schemas predict accepted \(200\)/),
    ]);
  });

  it('checked what the golden file holds, not less', () => {
    expect(report.http).toBeGreaterThanOrEqual(EXPECTED_MIN.http);
    expect(report.replies).toBeGreaterThanOrEqual(EXPECTED_MIN.replies);
    expect(report.executedCommands).toBeGreaterThanOrEqual(EXPECTED_MIN.executedCommands);
    expect(report.paramsRefusals).toBeGreaterThanOrEqual(EXPECTED_MIN.paramsRefusals);
    expect(report.byOutcome.get('ok')?.length ?? 0).toBeGreaterThanOrEqual(EXPECTED_MIN.okExchanges);
    expect(report.placeholdersRebuilt.length).toBe(EXPECTED_MIN.placeholdersRebuilt);
    // every method's replies were seen, and every kind of refusal the transcripts contain
    for (const m of P.manifest.methods) expect(report.repliesByMethod.get(m.name) ?? 0, m.name).toBeGreaterThan(0);
    for (const o of Object.keys(OUTCOME_TEXT) as Outcome[])
      expect(report.byOutcome.get(o)?.length ?? 0, o).toBeGreaterThan(0);
  });
});

describe('typed view (x-typed merge patch)', () => {
  const wire = (file: string, v: unknown) => P.validator(file)(v);
  const typed = (file: string, v: unknown) => P.typedValidator(file)(v);
  const file = (m: string, kind: 'params' | 'result') => `methods/${m}.${kind}.schema.json`;

  it('merge patch follows RFC 7386', () => {
    expect(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } })).toEqual({
      a: 'z',
      c: { d: 'e' },
    });
    expect(mergePatch({ a: ['b'] }, { a: ['c', 'd'] })).toEqual({ a: ['c', 'd'] });
    expect(mergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(mergePatch(null, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });

  it('history and presence: the server takes {} and null (soft "invalid message"), a typed caller sends a channel', () => {
    for (const m of ['history', 'presence']) {
      const f = file(m, 'params');
      for (const v of [{}, null, { channel: '' }, { channel: null }]) {
        expect(wire(f, v), `${m} wire ${JSON.stringify(v)}`).toBe(true);
        expect(typed(f, v), `${m} typed ${JSON.stringify(v)}`).toBe(false);
      }
      expect(wire(f, { channel: 'public:chat' }) && typed(f, { channel: 'public:chat' })).toBe(true);
      for (const v of [{ channel: 5 }, [], 'public:chat'])
        expect(wire(f, v) || typed(f, v), `${m} ${JSON.stringify(v)}`).toBe(false);
    }
  });

  it('publish: the wire view already needs channel and data; the typed view drops null and unknown keys', () => {
    const f = file('publish', 'params');
    for (const data of [null, '', false, 0, [], { text: 'hi' }])
      expect(typed(f, { channel: 'public:chat', data })).toBe(true);
    expect(typed(f, { channel: 'public:chat', data: 1, client: 'c1', uid: 'm1' })).toBe(true);
    for (const v of [
      { channel: 'public:chat', data: 1, client: null },
      { channel: 'public:chat', data: 1, uid: null },
      { channel: 'public:chat', data: 1, foo: 'bar' },
    ]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(true);
      expect(typed(f, v), JSON.stringify(v)).toBe(false);
    }
    for (const v of [
      {},
      null,
      { channel: 'public:chat' },
      { data: 1 },
      { channel: '', data: 1 },
      { channel: 5, data: 1 },
      { channel: 'x', data: 1, uid: 5 },
    ]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(false);
    }
  });

  it('broadcast: every validation failure is soft on the wire, refused by the typed view', () => {
    const f = file('broadcast', 'params');
    for (const v of [
      null,
      {},
      { channels: [], data: 1 },
      { channels: ['news'] },
      { channels: ['news', ''], data: 1 },
      { channels: null, data: 1 },
    ]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(true);
      expect(typed(f, v), JSON.stringify(v)).toBe(false);
    }
    expect(typed(f, { channels: ['public:chat', 'news'], data: { b: 1 }, client: 'c1' })).toBe(true);
    for (const v of [{ channels: 'news', data: 1 }, { channels: [5], data: 1 }, []])
      expect(wire(f, v), JSON.stringify(v)).toBe(false);
  });

  it('unsubscribe and disconnect: an empty user is soft on the wire, refused when typed; an empty channel means all channels', () => {
    const u = file('unsubscribe', 'params');
    expect(
      typed(u, { channel: 'public:chat', user: '42' }) &&
        typed(u, { channel: '', user: '42' }) &&
        typed(u, { user: '42' }),
    ).toBe(true);
    const d = file('disconnect', 'params');
    expect(typed(d, { user: '43' })).toBe(true);
    for (const f of [u, d]) {
      for (const v of [null, {}, { user: '' }]) {
        expect(wire(f, v), `${f} ${JSON.stringify(v)}`).toBe(true);
        expect(typed(f, v), `${f} ${JSON.stringify(v)}`).toBe(false);
      }
      expect(wire(f, { user: 42 })).toBe(false);
    }
  });

  it('channels, stats, node: any params on the wire, an empty object typed', () => {
    for (const m of ['channels', 'stats', 'node']) {
      const f = file(m, 'params');
      for (const v of [5, null, 'x', [], { foo: 1 }]) expect(wire(f, v), `${m} ${JSON.stringify(v)}`).toBe(true);
      expect(typed(f, {})).toBe(true);
      for (const v of [5, null, { foo: 1 }]) expect(typed(f, v), `${m} ${JSON.stringify(v)}`).toBe(false);
    }
  });

  it('results: soft-error bodies (data: null) pass the wire view only', () => {
    expect(wire(file('presence', 'result'), { channel: 'news', data: null })).toBe(true);
    expect(typed(file('presence', 'result'), { channel: 'news', data: null })).toBe(false);
    expect(typed(file('presence', 'result'), { channel: 'public:chat', data: {} })).toBe(true);
    expect(wire(file('history', 'result'), { channel: '', data: null })).toBe(true);
    expect(typed(file('history', 'result'), { channel: '', data: null })).toBe(false);
    expect(typed(file('history', 'result'), { channel: 'public:chat', data: [] })).toBe(true);
    expect(wire(file('channels', 'result'), { data: null })).toBe(true);
    expect(typed(file('channels', 'result'), { data: null })).toBe(false);
    for (const m of ['publish', 'broadcast', 'unsubscribe', 'disconnect']) {
      expect(wire(file(m, 'result'), null) && typed(file(m, 'result'), null)).toBe(true);
      expect(wire(file(m, 'result'), {})).toBe(false);
    }
  });

  it('command envelope: params required where the method decodes them; a null uid is wire-only', () => {
    const c = P.manifest.envelopes.command;
    expect(wire(c, { method: 'stats' })).toBe(true);
    expect(wire(c, { method: 'publish' })).toBe(false);
    expect(wire(c, { method: 'history', params: null })).toBe(true);
    expect(wire(c, { uid: null, method: 'stats', extra: true })).toBe(true);
    expect(typed(c, { uid: null, method: 'stats' })).toBe(false);
    expect(wire(c, { uid: 1, method: 'stats' })).toBe(false);
    expect(wire(c, { method: 1 })).toBe(false);
  });
});
