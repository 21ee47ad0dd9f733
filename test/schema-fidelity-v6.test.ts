/**
 * Schema fidelity for Centrifugo v6: do the files of schema/centrifugo-v6/ describe what the real
 * v6.9.1 accepted and answered in the golden transcripts (test/fixtures/centrifugo-v6/)?
 *
 * For every recorded HTTP exchange the answer is predicted from the schemas plus the HTTP rules
 * that are not schema matters (route, POST, API key, transport error mode, the legacy route's
 * framing: the mock's own modules, packages/mock/src/v6/api) and compared with the recording:
 * - every request that ran decodes (as Go decodes it: keys case-insensitive, integer literals)
 *   into params that pass its method's wire schema, and every refused one is classified (404
 *   route, 405 method, 401 key, 400 not JSON / not an object / params refused);
 * - every 200 reply passes the reply envelope (batch: its own result) and its method's wire
 *   result; every error is a catalogue error with its message, listed for the method, with the
 *   catalogue's HTTP status in transport error mode; every hard error has the catalogue's body.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { typesEmitter } from '../generator/src/emitters/types/index.js';
import { typecheck } from '../generator/test/support/typecheck.js';
import { createFidelityCheckV6, OUTCOME6_TEXT, type Outcome6, type Report6 } from './support/golden-fidelity-v6.js';
import { GOLDEN_FILES, readGolden, type GoldenFileKind } from './support/golden-v6/transcript.js';
import { loadEditedProtocol, loadProtocol, type LoadedProtocol, type Schema } from './support/load-schemas.js';
import { describeSchemaFiles } from './support/schema-files-checks.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dir = (name: string) => path.join(HERE, '..', 'schema', name);

/** The real numbers of the golden files, asserted as minimums so that a checker that checks less cannot pass. */
const EXPECTED_MIN = {
  http: 306,
  executed: 246,
  paramsRefusals: 9,
  replies: 212,
  legacyReplies: 17,
  transportErrors: 9,
  hardBodies: 45,
} as const;

/** Where the typed view is knowingly stricter than the server (it succeeded), with why. */
const TYPED_STRICTER = {
  B04_mixed_items: 'an empty channel in `channels` (answered per item)',
  R17_since_null: '`since: null`',
  Q07_channels_null_body: 'params `null`',
  C07_subscribe_anonymous_bucket: 'no `user` (targets anonymous connections)',
  C10_unsubscribe_empty: '`{}`',
  C09_unsubscribe_all: 'no `channel` (unsubscribes from nothing)',
};
/** 107s the typed view cannot foresee: they depend on the namespace's config or on data being there. */
const TYPED_CANNOT_SEE = {
  P02_no_data: 'data is required only by the default data format',
  P09_b64data_empty_string: 'an empty b64data is no data',
  P17_json_object_array: 'publication_data_format json_object',
  P17_json_object_string: 'publication_data_format json_object',
  P17_json_object_b64_not_json: 'publication_data_format json_object',
  P18_map_namespace: 'a map namespace',
  X03_map_publish_stream_ns: 'not a map namespace',
  X08_map_read_state_errors: 'not a map namespace',
  X10_map_stats_stream_ns: 'not a map namespace',
  X11_shared_poll_not_shared_poll_ns: 'not a shared-poll namespace',
};

let P: LoadedProtocol;
beforeAll(async () => {
  P = await loadProtocol(dir('centrifugo-v6'));
});

describeSchemaFiles(['centrifugo-v6', 'centrifugo-v6.0'], { minExamples: 100 });

describe.each(['centrifugo-v6', 'centrifugo-v6.0'])('the generator on %s', (name) => {
  it('emits TypeScript types that typecheck, each shared type declared once', async () => {
    const protocol = name === 'centrifugo-v6' ? P : await loadProtocol(dir(name));
    const [file] = await typesEmitter.emit(protocol.ir, {
      out: '.',
      options: {},
      importOf: () => {
        throw new Error('the types import nothing');
      },
      runsWith: () => false,
    });
    const content = (file as { content: string }).content;
    const root = await mkdtemp(path.join(os.tmpdir(), 'centkit-v6-types-'));
    try {
      await writeFile(path.join(root, 'types.gen.ts'), content);
      expect(typecheck([path.join(root, 'types.gen.ts')])).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    for (const type of protocol.ir.schemas)
      expect(content, type.name).toMatch(new RegExp(`export (interface|type) ${type.name}\\b`));
    expect(content).not.toMatch(/\b(FilterNode|BoolValue|ClientInfo|ApiError)1\b/);
  }, 60_000);
});

describe('fidelity against the golden transcripts of Centrifugo v6.9.1', () => {
  let report: Report6;
  const lines = () => (Object.keys(GOLDEN_FILES) as GoldenFileKind[]).flatMap((k) => readGolden(k));
  beforeAll(() => {
    const check = createFidelityCheckV6(P);
    report = check.runFidelity(lines());
    check.printReport(report);
  });

  it('fails when a schema disagrees with the server: a channel the schema takes as a number, an empty one it refuses', async () => {
    const edited = await loadEditedProtocol(dir('centrifugo-v6'), {
      'methods/publish.params.schema.json': (s) => {
        const channel = (s['properties'] as Record<string, Schema>)['channel'] as Schema;
        channel['type'] = ['string', 'null', 'integer'];
        channel['minLength'] = 1;
      },
    });
    expect(createFidelityCheckV6(edited).runFidelity(lines()).failures).toEqual([
      'H08_wrong_type_channel: Go refuses /channel (must be a string (got number)); the wire schema accepts it',
      expect.stringMatching(
        /^H12_duplicate_key_last_empty: answered 200, predicted the body does not decode into the params/,
      ),
      'T11_bad_inner_type: Go refuses /commands/0/publish/channel (must be a string (got number)); the wire schema accepts it',
    ]);
  });

  it('classifies every HTTP exchange and finds no mismatch', () => {
    expect(report.failures).toEqual([]);
    expect([...report.byOutcome.values()].reduce((n, names) => n + names.length, 0)).toBe(report.http);
  });

  it('checked what the golden files hold, not less', () => {
    for (const [key, min] of Object.entries(EXPECTED_MIN)) {
      const got = report[key as keyof typeof EXPECTED_MIN];
      expect(typeof got === 'number' ? got : got.length, key).toBeGreaterThanOrEqual(min);
    }
    for (const o of Object.keys(OUTCOME6_TEXT) as Outcome6[])
      expect(report.byOutcome.get(o)?.length ?? 0, o).toBeGreaterThan(0);
    // every method answered, with a result or with one of its errors
    for (const m of P.manifest.methods) {
      const seen =
        (report.repliesByMethod.get(m.name) ?? 0) +
        [...report.softErrors.keys()].filter((k) => k.startsWith(`${m.name} `)).length;
      expect(seen, m.name).toBeGreaterThan(0);
    }
    // every numbered error OSS sends was seen
    for (const code of [100, 102, 104, 107, 108, 112])
      expect(
        [...report.softErrors.keys()].some((k) => k.endsWith(` ${code}`)),
        String(code),
      ).toBe(true);
  });

  it('the typed view refuses what makes the server answer 107, but for the cases it cannot see', () => {
    expect(report.typedMissed.sort()).toEqual(Object.keys(TYPED_CANNOT_SEE).sort());
    expect(report.typedLenient.sort()).toEqual(Object.keys(TYPED_STRICTER).sort());
  });
});

describe('the v6 error catalogue', () => {
  it('numbers the errors, with their messages and their HTTP status in transport error mode', () => {
    const soft = P.catalogue.errors
      .filter((e) => e.code !== undefined)
      .map((e) => [e.code, e.message, e.transportStatus, e.kind]);
    expect(soft).toEqual([
      [100, 'internal server error', 500, 'soft'],
      [102, 'unknown channel', 404, 'soft'],
      [104, 'not found', 404, 'soft'],
      [107, 'bad request', 400, 'soft'],
      [108, 'not available', 400, 'soft'],
      [112, 'unrecoverable position', 416, 'soft'],
      [113, 'conflict', 409, 'unused'],
    ]);
    const hard = P.catalogue.errors.filter((e) => e.kind === 'hard').map((e) => [e.status, e.body]);
    expect(hard).toEqual([
      [400, 'Bad Request\n'],
      [401, ''],
      [404, '404 page not found\n'],
      [405, ''],
      [500, 'Internal Server Error\n'],
    ]);
  });

  it('lists for every method the errors it can answer', () => {
    const errorsOf = (m: string) => P.manifest.methods.find((x) => x.name === m)?.errors ?? [];
    for (const m of P.manifest.methods)
      expect(errorsOf(m.name), m.name).toEqual(expect.arrayContaining(['malformed_request', 'unauthorized']));
    expect(errorsOf('history')).toEqual(
      expect.arrayContaining(['unrecoverable_position', 'not_available', 'internal_server_error_http']),
    );
    expect(errorsOf('rpc')).toContain('not_found');
    expect(P.manifest.methods.filter((m) => m.effect === 'read').map((m) => m.name)).toEqual([
      'presence',
      'presence_stats',
      'history',
      'channels',
      'info',
      'map_read_state',
      'map_read_stream',
      'map_stats',
    ]);
  });
});

describe('wire and typed views of the v6 definition', () => {
  const wire = (file: string, v: unknown) => P.validator(file)(v);
  const typed = (file: string, v: unknown) => P.typedValidator(file)(v);
  const params = (m: string) => `methods/${m}.params.schema.json`;
  const result = (m: string) => `methods/${m}.result.schema.json`;

  it('params: the server takes null, {}, nulls and unknown keys; a typed caller sends the required fields, typed', () => {
    const f = params('publish');
    for (const v of [
      null,
      {},
      { channel: '' },
      { channel: 'news', data: 1, zzz: 1 },
      { channel: 'news', version: null, tags: { a: null } },
    ]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(true);
      expect(typed(f, v), JSON.stringify(v)).toBe(false);
    }
    for (const v of [
      { channel: 'news', data: null },
      { channel: 'news', b64data: 'eyJhIjoxfQ==' },
      { channel: 'hist:a', data: 1, version: 5, tags: { a: '1' } },
    ])
      expect(typed(f, v), JSON.stringify(v)).toBe(true);
    expect(typed(f, { channel: 'news', b64data: 'eyJhIjoxfQ' })).toBe(false); // unpadded: the server answers 107
    for (const v of [
      [],
      'news',
      { channel: 5 },
      { channel: 'news', version: -1 },
      { channel: 'news', skip_history: 'true' },
      { channel: 'news', tags: { a: 1 } },
    ])
      expect(wire(f, v), JSON.stringify(v)).toBe(false);
    expect(wire(params('history'), { channel: 'x', limit: 2147483648 })).toBe(false);
    expect(wire(params('history'), { channel: 'x', limit: -1, since: { offset: 3, epoch: 'AbCdEfGh' } })).toBe(true);
  });

  it('subscribe override: each option is a {value} object; label_filter is a recursive FilterNode', () => {
    const f = params('subscribe');
    expect(
      typed(f, {
        channel: 'news',
        user: '42',
        override: { presence: { value: true }, force_recovery: { value: false } },
      }),
    ).toBe(true);
    expect(wire(f, { channel: 'news', user: '42', override: { presence: true } })).toBe(false);
    const tree = {
      op: 'or',
      nodes: [
        { key: 'a', cmp: 'eq', val: '1' },
        { op: 'and', nodes: [{ key: 'b', cmp: 'in', vals: ['x', 'y'] }] },
      ],
    };
    expect(typed(f, { channel: 'news', user: '42', label_filter: tree })).toBe(true);
    expect(wire(f, { channel: 'news', user: '42', label_filter: { nodes: [{ vals: [1] }] } })).toBe(false);
  });

  it('envelopes: a reply has result or error; a batch command one method key; a batch reply one key', () => {
    const reply = P.manifest.envelopes.reply;
    for (const v of [{ result: {} }, { error: { code: 107, message: 'bad request' } }])
      expect(wire(reply, v)).toBe(true);
    for (const v of [
      {},
      { result: {}, error: { code: 100, message: 'internal server error' } },
      { error: { code: 107 } },
    ])
      expect(wire(reply, v), JSON.stringify(v)).toBe(false);
    const command = P.manifest.envelopes.command;
    for (const v of [null, {}, { connections: {} }, { presence: { channel: 'x' }, history: { channel: 'y' } }]) {
      expect(wire(command, v), JSON.stringify(v)).toBe(true);
      expect(typed(command, v), JSON.stringify(v)).toBe(false);
    }
    expect(typed(command, { map_stats: { channel: 'map:m' } })).toBe(true);
    expect(wire(command, { publish: { channel: 1 } })).toBe(false);
    const batchReply = 'envelopes/batch-reply.schema.json';
    expect(wire(batchReply, { history: { publications: [], epoch: 'AbCdEfGh', offset: 0 } })).toBe(true);
    for (const v of [{}, { publish: {}, error: { code: 104, message: 'not found' } }, { history: {} }])
      expect(wire(batchReply, v), JSON.stringify(v)).toBe(false);
  });

  it('results: what the server always sends is required; what it omits when empty is optional', () => {
    expect(wire(result('history'), { publications: [], epoch: 'AbCdEfGh', offset: 0 })).toBe(true);
    expect(wire(result('history'), { epoch: 'AbCdEfGh', offset: 0 })).toBe(false);
    expect(wire(result('presence_stats'), {})).toBe(false);
    expect(wire(result('map_stats'), {}) && wire(result('publish'), {}) && wire(result('batch'), {})).toBe(true);
    expect(wire(result('publish'), { offset: 1, epoch: 'AbCdEfGh', extra: 1 })).toBe(false);
    const node = {
      uid: 'u',
      name: 'n',
      version: '6.9.1 OSS',
      num_clients: 0,
      num_users: 0,
      num_channels: 0,
      num_subs: 0,
    };
    expect(wire(result('info'), { nodes: [node] })).toBe(true);
    expect(wire(result('info'), { nodes: [{ ...node, uid: undefined }] })).toBe(false);
    expect(
      typed(result('map_publish'), { offset: 1, epoch: 'e', suppressed: true, suppress_reason: 'key_exists' }),
    ).toBe(true);
    expect(typed(result('map_publish'), { suppressed: true, suppress_reason: 'other' })).toBe(false);
  });
});

describe('schema/centrifugo-v6.0 (the v6.0.0 API, for protocol diffs)', () => {
  const ADDED_METHODS = [
    'map_publish',
    'map_remove',
    'map_read_state',
    'map_read_stream',
    'map_stats',
    'map_clear',
    'shared_poll_publish',
  ];
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'description' && k !== 'examples' && k !== 'x-since')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  /** The schema without the named properties (in both views). */
  const without = (schema: Schema | undefined, names: readonly string[]): unknown => {
    const drop = (props: unknown) =>
      Object.fromEntries(Object.entries((props ?? {}) as Schema).filter(([k]) => !names.includes(k)));
    const typedView = schema?.['x-typed'] as Schema | undefined;
    return strip({
      ...schema,
      properties: drop(schema?.['properties']),
      ...(typedView && { 'x-typed': { ...typedView, properties: drop(typedView['properties']) } }),
    });
  };

  it('is the v6.9.1 definition without what came later, each marked x-since in v6.9.1', async () => {
    const old = await loadProtocol(dir('centrifugo-v6.0'));
    expect(old.manifest.version).toBe('6.0.0');
    expect(old.manifest.methods.map((m) => m.name)).toEqual(
      P.manifest.methods.map((m) => m.name).filter((m) => !ADDED_METHODS.includes(m)),
    );
    for (const m of P.manifest.methods)
      expect(m.since, m.name).toBe(ADDED_METHODS.includes(m.name) ? '6.8.0' : '6.0.0');
    const later: Record<string, { names: readonly string[]; since: string }> = {
      'methods/publish.params.schema.json': { names: ['version', 'version_epoch'], since: '6.2.0' },
      'methods/broadcast.params.schema.json': { names: ['version', 'version_epoch'], since: '6.2.0' },
      ...Object.fromEntries(
        ['subscribe', 'unsubscribe', 'disconnect', 'refresh'].map((m) => [
          `methods/${m}.params.schema.json`,
          { names: ['label_filter', 'all_users'], since: '6.8.2' },
        ]),
      ),
      'envelopes/command.schema.json': { names: ADDED_METHODS, since: '6.8.0' },
      'envelopes/batch-reply.schema.json': { names: ADDED_METHODS, since: '6.8.0' },
    };
    for (const [file, { names, since }] of Object.entries(later)) {
      const props = (P.files.get(file)?.['properties'] ?? {}) as Record<string, Schema>;
      for (const n of names) expect(props[n]?.['x-since'], `${file} ${n}`).toBe(since);
      expect(without(old.files.get(file), []), file).toEqual(without(P.files.get(file), names));
    }
    expect(P.files.get('types/filter-node.schema.json')?.['x-since']).toBe('6.8.2');
    expect(P.files.get('types/map-entry.schema.json')?.['x-since']).toBe('6.8.0');
    for (const [file, schema] of old.files)
      if (!(file in later)) expect(strip(schema), file).toEqual(strip(P.files.get(file)));
    expect([...P.files.keys()].filter((f) => !old.files.has(f)).sort()).toEqual(
      [
        ...ADDED_METHODS.flatMap((m) => [`methods/${m}.params.schema.json`, `methods/${m}.result.schema.json`]),
        'types/filter-node.schema.json',
        'types/map-entry.schema.json',
      ].sort(),
    );
    expect(old.catalogue.errors).toEqual(P.catalogue.errors);
  });
});
