import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { loadSchemaSet } from '../src/load/load-schema-set.js';
import { generate } from '../src/pipeline/generate.js';
import { validateSchemaSet } from '../src/validate/validate-schema-set.js';
import { readFixture, writeSchemaDir, type SchemaFiles } from './support/schema-dir.js';
import { fixture, repoRoot, scratchRoot } from './support/workspace.js';

/** The problems of a fixture after an edit, as `code path: message`. */
async function problemsOf(
  root: string,
  label: string,
  name: string,
  edit: (f: SchemaFiles) => void,
): Promise<string[]> {
  const files = await readFixture(name);
  edit(files);
  const dir = await writeSchemaDir(root, label, files);
  return validateSchemaSet(await loadSchemaSet(dir, label)).map((p) => `${p.code} ${p.file}#${p.path}: ${p.message}`);
}

describe('transport descriptors in the IR', () => {
  it('carry the 1.x transports: form and JSON commands signed with hmac, an array batch, a queue with no reply', async () => {
    const { ir } = await loadProtocol(path.join(repoRoot, 'schema/centrifugo-v1'), repoRoot);
    const [form, json, queue] = ir.transports;
    expect(form).toMatchObject({
      id: 'http-form',
      isDefault: true,
      http: { method: 'POST', path: '/api/', body: 'form', dataField: 'data' },
      request: { shape: 'commands', envelope: 'Command', method: 'method', params: 'params' },
      reply: { shape: 'commands', envelope: 'Reply', method: 'method', error: 'error', result: 'body' },
      auth: {
        scheme: 'hmac',
        algorithm: 'hmac-sha256',
        encoding: 'hex-lower',
        over: 'data',
        field: 'sign',
        header: undefined,
        optional: true,
      },
      batch: { item: 'array' },
    });
    expect(json?.auth).toMatchObject({ scheme: 'hmac', header: 'X-API-Sign', field: undefined });
    expect(queue).toMatchObject({
      kind: 'queue',
      http: undefined,
      reply: { shape: 'none' },
      auth: undefined,
      batch: undefined,
      queue: { shardKey: 'centrifugo.api.{shard}', itemsPerCommand: 1 },
    });
    expect(queue?.methods).toEqual(['publish', 'broadcast', 'unsubscribe', 'disconnect']);
  });

  it('carry an http-api transport: method in the path, params body, envelope reply, api key, error object, keyed batch', async () => {
    const { ir } = await loadProtocol(fixture('mini-v6'), repoRoot);
    expect(ir.transports[0]).toEqual({
      id: 'http-api',
      kind: 'http',
      description: expect.any(String),
      isDefault: true,
      http: {
        method: 'POST',
        path: '/api/{method}',
        body: 'json',
        contentType: 'application/json',
        dataField: undefined,
      },
      queue: undefined,
      request: { shape: 'params' },
      reply: { shape: 'envelope', envelope: 'Reply', result: 'result', error: 'error' },
      auth: {
        scheme: 'api-key',
        header: 'X-API-Key',
        prefix: undefined,
        alternatives: [
          { in: 'header', header: 'Authorization', prefix: 'apikey ' },
          { in: 'query', query: 'api_key' },
        ],
        optional: true,
      },
      error: {
        type: 'Error',
        code: 'code',
        message: 'message',
        transportMode: { header: 'X-Centrifugo-Error-Mode', value: 'transport' },
      },
      batch: {
        item: 'keyed',
        method: 'batch',
        commands: 'commands',
        replies: 'replies',
        options: ['parallel'],
        reply: 'bare',
      },
      methods: ['publish', 'history', 'info', 'batch'],
    });
  });
});

describe('the protocol table', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    root = await scratchRoot('transport-table');
    await generate({ schemaDir: fixture('mini-v6'), outDir: root.dir });
  });
  afterAll(() => root.dispose());

  it('exports each descriptor as data, and the numbered error codes as a type', async () => {
    const file = path.join(root.dir, 'packages/validators/src/gen/protocol.gen.ts');
    const table = (await import(pathToFileURL(file).href)) as {
      transports: unknown[];
      errorCatalogue: { code?: number }[];
    };
    const { ir } = await loadProtocol(fixture('mini-v6'), repoRoot);
    const { description: _unused, ...descriptor } = ir.transports[0]!;
    expect(table.transports).toEqual([JSON.parse(JSON.stringify(descriptor))]);
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    expect(text).toContain('export type ErrorCode = 100 | 102 | 104 | 107 | 108 | 112;');
  });
});

describe('transport descriptors are checked', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    root = await scratchRoot('transport-checks');
  });
  afterAll(() => root.dispose());

  it('across fields, each problem at its JSON pointer', async () => {
    const problems = await problemsOf(root.dir, 'cross', 'mini-v6', (f) => {
      const [t] = f['protocol.json'].transports;
      t.http.path = '/api/{method}/{nope}';
      t.batch.method = 'multi';
      t.error.type = 'types/missing.schema.json';
      f['protocol.json'].transports.push({
        id: 'second',
        kind: 'queue',
        default: true,
        description: 'x',
        http: { method: 'POST', path: '/x', body: 'form' },
        request: { shape: 'params' },
        reply: { shape: 'commands', result: 'r', error: 'e' },
        auth: {
          scheme: 'hmac',
          algorithm: 'hmac-sha256',
          encoding: 'hex-lower',
          over: 'data',
          field: 'sign',
          header: 'X-Sign',
        },
      });
    });
    // Sorted by JSON pointer; two messages for one place and rule are merged into one problem.
    expect(problems).toEqual([
      'transport-invalid protocol.json#/transports/0/batch/method: transport "http-api": batch method "multi" is not a method of the protocol',
      'transport-invalid protocol.json#/transports/0/error/type: transport "http-api": error type "types/missing.schema.json" is not one of the manifest\'s types',
      'transport-invalid protocol.json#/transports/0/http/path: transport "http-api": unknown placeholder "{nope}" in "/api/{method}/{nope}" (known: {method})',
      'transport-invalid protocol.json#/transports/1: transport "second": a queue transport needs "queue"',
      'transport-invalid protocol.json#/transports/1/auth: transport "second": auth is sent over HTTP only; transport "second": hmac auth sends the sign in exactly one of "field" or "header"',
      'transport-invalid protocol.json#/transports/1/auth/over: transport "second": hmac auth signs the encoded commands: it needs requests of shape "commands"',
      'transport-invalid protocol.json#/transports/1/default: only one transport can be the default (also /transports/0)',
      'transport-invalid protocol.json#/transports/1/http: transport "second": a queue transport takes no "http"',
      'transport-invalid protocol.json#/transports/1/http/body: transport "second": requests of shape "params" are a JSON body',
      'transport-invalid protocol.json#/transports/1/reply/shape: transport "second": replies of shape "commands" answer requests of shape "commands"',
      'transport-invalid protocol.json#/transports/1/request/shape: transport "second": requests of shape "params" need an http transport (the method is in the path)',
    ]);
  });

  it("against the error type and the shapes' fields", async () => {
    const problems = await problemsOf(root.dir, 'fields', 'mini-v6', (f) => {
      const [t] = f['protocol.json'].transports;
      t.error.code = 'number';
      t.http.path = '/api/all';
      delete t.reply.error;
    });
    expect(problems).toContain(
      'transport-invalid protocol.json#/transports/0/error/code: transport "http-api": the error type types/error.schema.json has no property "number"',
    );
    expect(problems).toContain(
      'transport-invalid protocol.json#/transports/0/http/path: transport "http-api": requests of shape "params" need "{method}" in the path',
    );
    expect(problems).toContain(
      'transport-invalid protocol.json#/transports/0/reply: transport "http-api": replies of shape "envelope" need "error" (the field holding the error)',
    );
  });

  it('against the meta-schema, naming the branch a discriminator picks', async () => {
    const problems = await problemsOf(root.dir, 'meta', 'mini-v6', (f) => {
      f['protocol.json'].transports[0].auth = { scheme: 'api-key' };
      f['protocol.json'].transports[0].batch = { item: 'keyed', method: 'batch' };
    });
    expect(problems).toEqual([
      "manifest-invalid protocol.json#/transports/0/auth: must have required property 'header'",
      "manifest-invalid protocol.json#/transports/0/batch: must have required property 'commands'; must have required property 'replies'",
    ]);
  });

  it('written in the format before descriptors, with a hint how to restate them', async () => {
    const problems = await problemsOf(root.dir, 'legacy', 'kvstore', (f) => {
      const [t] = f['protocol.json'].transports;
      delete t.request;
      delete t.reply;
      t.batch = true;
      t.sign = { algorithm: 'hmac-sha256', encoding: 'hex-lower', header: 'X-Sign' };
    });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^transport-legacy protocol\.json#\/transports\/0: written in the format before transport descriptors: "sign" is now "auth"/,
      ),
    );
  });
});
