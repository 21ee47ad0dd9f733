/**
 * The client emitter for a transport whose request is the params (mini-v6: the method in the
 * path, an envelope reply, a keyed batch through its own `batch` method): the glue it writes, that
 * the glue and code using it typecheck with the hand-written runtime, that wrong use does not,
 * and the `x-idempotency-key` annotation it reads.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { emitters } from '../src/emitters/index.js';
import { buildIR } from '../src/ir/build-ir.js';
import { loadSchemaSet } from '../src/load/load-schema-set.js';
import { generateAll } from '../src/pipeline/generate.js';
import { validateSchemaSet } from '../src/validate/validate-schema-set.js';
import { readFixture, writeSchemaDir, type SchemaFiles } from './support/schema-dir.js';
import { typecheck } from './support/typecheck.js';
import { fixture, scratchRoot } from './support/workspace.js';

const OUT = 'packages/client/src/gen';

/** Code a user of the generated client writes: it must typecheck as is. */
const USAGE = `import { Client, CentApiError, type BatchEntry } from './${OUT}/client.gen.js';
import type { ErrorCode } from './packages/validators/src/gen/protocol.gen.js';
import type { HistoryResult, PublishResult } from './packages/validators/src/gen/types.gen.js';
const client = new Client({ url: 'http://127.0.0.1:1', apiKey: 'k', retry: true });
export async function run(channels: string[]): Promise<unknown[]> {
  const published: PublishResult = await client.publish({ channel: 'news', data: 1 });
  const info = await client.info();
  const [first, second] = await client.batch().publish({ channel: 'a', data: 1 }).history({ channel: 'a' }).send({ parallel: true, timeout: 100 });
  const offset: number | undefined = first.ok ? first.result.offset : undefined;
  const history: HistoryResult | undefined = second.ok ? second.result : undefined;
  const code: ErrorCode | undefined = second.ok ? undefined : second.error.code;
  let loop = client.batch();
  for (const channel of channels) loop = loop.publish({ channel, data: 2 });
  const entries: readonly BatchEntry<unknown>[] = await loop.send();
  try {
    await client.history({ channel: 'x' });
  } catch (error) {
    if (error instanceof CentApiError && error.code === 112) return [error.message];
  }
  return [published, info.nodes, offset, history, code, entries.length];
}
`;

/** Wrong use, one mistake per line: each must be a compile error. */
const MISUSE = `import { Client, CentApiError } from './${OUT}/client.gen.js';
const client = new Client({ url: 'http://127.0.0.1:1' });
await client.publish({ channel: 'a' });
await client.batch({ commands: [] });
await client.batch().publish({ channel: 'a', data: 1 }).send({ parallel: 'yes' });
const [only] = await client.batch().info().send(); only.ok && only.result.publications;
const e = new CentApiError({ url: '', methods: [] }, { code: 1, message: '', method: '', status: 200 }); e.code === 999;
`;

async function generateMini(root: string, schemaDir: string): Promise<string> {
  const jobs = resolveConfig(
    {
      protocols: [
        {
          schema: schemaDir,
          emitters: {
            types: { out: 'packages/validators/src/gen' },
            'protocol-table': { out: 'packages/validators/src/gen' },
            client: { out: OUT, options: { runtimeDir: '../runtime' } },
          },
        },
      ],
    },
    root,
    emitters,
    'test config',
  );
  await generateAll({ root, protocols: jobs });
  return readFile(path.join(root, OUT, 'client.gen.ts'), 'utf8');
}

describe('client emitter, params transport', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  let glue: string;
  beforeAll(async () => {
    root = await scratchRoot('client-params');
    glue = await generateMini(root.dir, fixture('mini-v6'));
  });
  afterAll(() => root.dispose());

  it('writes a Client over EnvelopeClientCore, the descriptor and the method table with idempotency keys as data, and batch() in place of the batch method', () => {
    expect(glue).toContain('export class Client extends EnvelopeClientCore<MethodTypes, ErrorCode, BatchOptions> {');
    expect(glue).toMatch(
      /\n {2}publish\(params: PublishParams, options\?: CallOptions\): Promise<PublishResult> \{\n {4}return this\.call\("publish", params, options\);/,
    );
    expect(glue).toContain('info(params: InfoParams = {}, options?: CallOptions): Promise<InfoResult> {');
    expect(glue).toContain('batch(): Batch {');
    expect(glue).not.toContain('batch(params');
    expect(glue).toContain('"publish": {\n    "effect": "write",\n    "idempotencyKey": "idempotency_key"\n  }');
    expect(glue).toContain('"history": {\n    "effect": "read"\n  }');
    expect(glue).toContain('"path": "/api/{method}"');
    expect(glue).toContain('export type BatchOptions = Pick<BatchParams, "parallel">;');
    expect(glue).toContain('export const CentApiError: CentApiErrorClass<ErrorCode> = RuntimeApiError;');
    // No validators module configured: the binding names none.
    expect(glue).toContain('export const protocolBinding: ProtocolBinding = { methods: methodTable, transport };');
  });

  it('typechecks with the hand-written runtime, and so does code using it', async () => {
    const usage = path.join(root.dir, 'usage.ts');
    await writeFile(usage, USAGE);
    expect(typecheck([path.join(root.dir, OUT, 'client.gen.ts'), usage])).toEqual([]);
  });

  it('rejects wrong calls at compile time (the usage check is not vacuous)', async () => {
    const misuse = path.join(root.dir, 'misuse.ts');
    await writeFile(misuse, MISUSE);
    const lines = typecheck([misuse]).join('\n');
    expect(lines).toMatch(/misuse\.ts:3 [^]*data/);
    expect(lines).toMatch(/misuse\.ts:4 /);
    expect(lines).toMatch(/misuse\.ts:5 [^]*boolean/);
    expect(lines).toMatch(/misuse\.ts:6 [^]*publications/);
    expect(lines).toMatch(/misuse\.ts:7 [^]*(999|no overlap)/);
  });

  it('a transport without a keyed batch gets no batch(), and the batch method is a plain method', async () => {
    const files = await readFixture('mini-v6');
    delete files['protocol.json'].transports[0].batch;
    const dir = await writeSchemaDir(root.dir, 'no-batch', files);
    const text = await generateMini(path.join(root.dir, 'no-batch-out'), dir);
    expect(text).not.toContain('batch(): Batch');
    expect(text).not.toContain('class Batch');
    expect(text).toContain('batch(params: BatchParams, options?: CallOptions): Promise<BatchResult>');
  });

  it('refuses a method whose member name the runtime owns', async () => {
    const files = await readFixture('mini-v6');
    files['protocol.json'].methods.find((m: { name: string }) => m.name === 'info').name = 'close';
    const dir = await writeSchemaDir(root.dir, 'close', files);
    await expect(generateMini(path.join(root.dir, 'close-out'), dir)).rejects.toThrow(
      'emitter "client": method "close" would be the member close, which the client runtime owns',
    );
  });
});

describe('x-idempotency-key', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    root = await scratchRoot('idempotency-key');
  });
  afterAll(() => root.dispose());

  const problemsOf = async (label: string, edit: (f: SchemaFiles) => void): Promise<string[]> => {
    const files = await readFixture('mini-v6');
    edit(files);
    const dir = await writeSchemaDir(root.dir, label, files);
    return validateSchemaSet(await loadSchemaSet(dir, label)).map((p) => `${p.code} ${p.file}#${p.path}: ${p.message}`);
  };

  it('the IR names the marked params field, and only for that method', async () => {
    const ir = buildIR(await loadSchemaSet(fixture('mini-v6'), 'mini-v6'));
    expect(Object.fromEntries(ir.methods.map((m) => [m.name, m.idempotencyKey]))).toEqual({
      publish: 'idempotency_key',
      history: undefined,
      info: undefined,
      batch: undefined,
    });
  });

  it("is true, on one top-level string property of a method's params", async () => {
    const problems = await problemsOf('bad', (f) => {
      const publish = f['methods/publish.params.schema.json'].properties;
      publish.channel['x-idempotency-key'] = true;
      publish.skip_history['x-idempotency-key'] = true;
      f['methods/history.params.schema.json'].properties.channel['x-idempotency-key'] = 'yes';
      f['types/stream-position.schema.json'].properties.epoch['x-idempotency-key'] = true;
      f['methods/batch.params.schema.json'].properties.parallel = {
        type: 'object',
        properties: { key: { type: 'string', 'x-idempotency-key': true } },
      };
    });
    expect(problems).toEqual([
      'idempotency-key-invalid methods/batch.params.schema.json#/properties/parallel/properties/key/x-idempotency-key: "x-idempotency-key" belongs on a top-level property of a method\'s params',
      'idempotency-key-invalid methods/history.params.schema.json#/properties/channel/x-idempotency-key: "x-idempotency-key" must be true',
      'idempotency-key-invalid methods/publish.params.schema.json#/properties/idempotency_key/x-idempotency-key: a method has one idempotency key; "channel" is already marked',
      'idempotency-key-invalid methods/publish.params.schema.json#/properties/skip_history/x-idempotency-key: the property marked "x-idempotency-key" must allow a string',
      'idempotency-key-invalid types/stream-position.schema.json#/properties/epoch/x-idempotency-key: "x-idempotency-key" belongs on a top-level property of a method\'s params',
    ]);
  });
});
