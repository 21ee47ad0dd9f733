import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCentkit } from './support/run.js';
import { readFixture, writeSchemaDir } from './support/schema-dir.js';
import { scratchRoot } from './support/workspace.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, object>; securitySchemes?: Record<string, object> };
  security?: object[];
  [key: string]: unknown;
};

/** The made-up key-value store, with an HTTP transport whose body is the params (no Centrifugo in it). */
async function kvstoreWithRest(root: string): Promise<string> {
  const files = await readFixture('kvstore');
  files['types/failure.schema.json'] = {
    title: 'Failure',
    type: 'object',
    required: ['reason'],
    properties: { reason: { type: 'string' }, status: { type: 'integer' } },
  };
  files['protocol.json'].types.push('types/failure.schema.json');
  files['protocol.json'].transports.push({
    id: 'rest',
    kind: 'http',
    description: 'POST /v1/<method> with the params as JSON.',
    http: { method: 'POST', path: '/v1/{method}', body: 'json' },
    request: { shape: 'params' },
    reply: { shape: 'envelope', result: 'value', error: 'failure' },
    auth: { scheme: 'api-key', header: 'Authorization', prefix: 'Bearer ' },
    error: { type: 'types/failure.schema.json', message: 'reason' },
    methods: ['get', 'list_keys'],
  });
  return writeSchemaDir(root, 'schema/kvstore', files);
}

describe('the openapi emitter', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  const docs = new Map<string, Doc>();
  const texts = new Map<string, string>();

  beforeAll(async () => {
    root = await scratchRoot('openapi');
    await writeSchemaDir(root.dir, 'schema/mini-v6', await readFixture('mini-v6'));
    await kvstoreWithRest(root.dir);
    const config = {
      protocols: [
        {
          schema: 'schema/mini-v6',
          emitters: { openapi: { out: 'docs/mini-v6', options: { servers: ['http://127.0.0.1:8000'] } } },
        },
        { schema: 'schema/kvstore', emitters: { openapi: { out: 'docs/kvstore' } } },
      ],
    };
    await writeFile(path.join(root.dir, 'centkit.config.json'), JSON.stringify(config));
    const { code, stderr } = await runCentkit(['generate'], root.dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const name of ['mini-v6', 'kvstore']) {
      const text = await readFile(path.join(root.dir, 'docs', name, 'openapi.gen.json'), 'utf8');
      texts.set(name, text);
      docs.set(name, JSON.parse(text) as Doc);
    }
  });
  afterAll(() => root.dispose());

  it.each(['mini-v6', 'kvstore'])('writes a document the OpenAPI 3.1 validator accepts (%s)', async (name) => {
    const validator = new Validator();
    const result = await validator.validate(docs.get(name)!);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator is not vacuous: the same document with one operation broken is refused.
    const broken = structuredClone(docs.get(name)!);
    const [firstPath] = Object.values(broken.paths);
    firstPath!['post'].responses = { '200': { content: {} } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it.each(['mini-v6', 'kvstore'])(
    'has components that compile as JSON Schema 2020-12, every ref resolving (%s)',
    (name) => {
      const doc = docs.get(name)!;
      const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
      for (const keyword of ['x-since', 'x-idempotency-key', 'components']) ajv.addKeyword({ keyword });
      ajv.addSchema({ $id: 'doc', components: doc.components } as object);
      for (const schemaName of Object.keys(doc.components.schemas)) {
        expect(() => ajv.getSchema(`doc#/components/schemas/${schemaName}`), schemaName).not.toThrow();
      }
      expect(ajv.getSchema('doc#/components/schemas/HistoryResult') === undefined).toBe(name !== 'mini-v6');
    },
  );

  it("has one operation per method at the descriptor's path: the params body, the reply envelope, the error object by transport-mode status", () => {
    const doc = docs.get('mini-v6')!;
    expect(Object.keys(doc.paths)).toEqual(['/api/publish', '/api/history', '/api/info', '/api/batch']);
    const history = doc.paths['/api/history']!['post'];
    expect(history.operationId).toBe('history');
    expect(history.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/HistoryParams' } } },
    });
    expect(history.responses['200'].content['application/json'].schema).toEqual({
      type: 'object',
      oneOf: [
        {
          required: ['result'],
          properties: { result: { $ref: '#/components/schemas/HistoryResult' } },
          additionalProperties: false,
        },
        {
          required: ['error'],
          properties: { error: { $ref: '#/components/schemas/Error' } },
          additionalProperties: false,
        },
      ],
    });
    expect(Object.keys(history.responses)).toEqual(['200', '400', '401', '404', '405', '416', '500']);
    expect(history.responses['416'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(history.responses['404'].description).toContain(
      'In transport error mode: unknown_channel 102 ("unknown channel")',
    );
    expect(history.responses['404'].content['text/plain'].schema).toEqual({ const: '404 page not found\n' });
    expect(history.parameters).toEqual([
      expect.objectContaining({
        name: 'X-Centrifugo-Error-Mode',
        in: 'header',
        required: false,
        schema: { const: 'transport' },
      }),
    ]);
    // The batch answers its result bare.
    expect(doc.paths['/api/batch']!['post'].responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/BatchResult',
    });
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:8000' }]);
  });

  it('declares the API key in each place the server reads it, any one sufficing', () => {
    const doc = docs.get('mini-v6')!;
    expect(doc.components.securitySchemes).toEqual({
      apiKeyHeaderXAPIKey: {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: expect.stringContaining('The server can be set to skip the check.'),
      },
      apiKeyHeaderAuthorization: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: expect.stringContaining('The value is "apikey " followed by the key.'),
      },
      apiKeyQueryapikey: { type: 'apiKey', in: 'query', name: 'api_key', description: expect.any(String) },
    });
    expect(doc.security).toEqual([
      { apiKeyHeaderXAPIKey: [] },
      { apiKeyHeaderAuthorization: [] },
      { apiKeyQueryapikey: [] },
    ]);
  });

  it('describes a protocol that is not Centrifugo: its own path, field names, error type and the methods the transport carries', () => {
    const doc = docs.get('kvstore')!;
    expect(Object.keys(doc.paths)).toEqual(['/v1/get', '/v1/list_keys']);
    expect(doc.paths['/v1/get']!['post'].responses['200'].content['application/json'].schema.oneOf[1]).toEqual({
      required: ['failure'],
      properties: { failure: { $ref: '#/components/schemas/Failure' } },
      additionalProperties: false,
    });
    // No transport error mode, and put (the method that answers 413) is not carried: only the envelope.
    expect(Object.keys(doc.paths['/v1/get']!['post'].responses)).toEqual(['200']);
    expect(doc.components.securitySchemes).toEqual({
      apiKeyHeaderAuthorization: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'The API key in the header Authorization. The value is "Bearer " followed by the key.',
      },
    });
  });

  it('marks the file generated, and is deterministic', async () => {
    expect(texts.get('mini-v6')).toMatch(
      /^\{\n {2}"x-generated": "@generated by centkit from schema\/mini-v6\. Do not edit/,
    );
    expect((await runCentkit(['generate', '--check'], root.dir)).code).toBe(0);
  });

  it('refuses a protocol with no HTTP transport whose request is the params, naming it (exit 1)', async () => {
    await writeFile(
      path.join(root.dir, 'v1like.json'),
      JSON.stringify({ protocols: [{ schema: 'schema/kvstore-plain', emitters: { openapi: { out: 'x' } } }] }),
    );
    await writeSchemaDir(root.dir, 'schema/kvstore-plain', await readFixture('kvstore'));
    const { code, stderr } = await runCentkit(['generate', '--config', 'v1like.json'], root.dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'centkit: emitter "openapi": the protocol kvstore-v1 has no HTTP transport whose request shape is "params" (fitting: none); nothing was written\n',
    );
  });
});
