import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { buildProbes } from '../src/contract/build-probes.js';
import { createReplyChecker } from '../src/contract/check-reply.js';
import { loadProbePlan } from '../src/contract/probe-plan.js';
import { SchemaSetError } from '../src/validate/problem.js';
import type { ProbePlan } from '../src/contract/probe-plan.js';
import { buildRequest, endpointUrl } from '../src/contract/http-call.js';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { fixture, repoRoot } from './support/workspace.js';

const plan: ProbePlan = {
  channel: 'ns:probe',
  userPrefix: 'probe-',
  probes: { put: { params: { key: '{channel}', tags: ['{user}', 'x'] } } },
};

describe('probe params, on a made-up protocol', () => {
  it('come from the schema (examples first, then seeded values of the typed view), patched by the plan', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    const probes = await buildProbes(ir, plan, { channel: 'ns:probe', user: 'probe-1' }, ['get', 'put', 'list_keys']);
    expect(probes[0]).toEqual({ method: 'get', params: { key: 'a' } });
    expect(probes[1]).toMatchObject({ method: 'put', params: { key: 'ns:probe', tags: ['probe-1', 'x'] } });
    expect(probes[1]).toHaveProperty('params.value');
    expect(probes[2]?.method).toBe('list_keys');
    expect(typeof (probes[2] as { params: unknown }).params).toBe('object');
    expect(await buildProbes(ir, plan, { channel: 'ns:probe', user: 'probe-1' }, ['get', 'put', 'list_keys'])).toEqual(
      probes,
    );
  });

  it('skip write methods the plan does not cover, methods the transport does not carry, and skips the plan names', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    const probes = await buildProbes(
      ir,
      { ...plan, probes: { list_keys: { skip: 'too slow' } } },
      { channel: 'c', user: 'u' },
      ['put', 'list_keys'],
    );
    expect(probes).toEqual([
      { method: 'get', skip: 'the transport does not carry this method' },
      { method: 'put', skip: 'a write method with no entry in the probe plan: not called, to change nothing' },
      { method: 'list_keys', skip: 'too slow' },
    ]);
  });
});

describe('the endpoint URL', () => {
  it('appends the transport path unless the address already ends with it', () => {
    expect(endpointUrl('http://127.0.0.1:8000', '/api/')).toBe('http://127.0.0.1:8000/api/');
    expect(endpointUrl('http://127.0.0.1:8000/', '/api/')).toBe('http://127.0.0.1:8000/api/');
    expect(endpointUrl('http://127.0.0.1:8000/api', '/api/')).toBe('http://127.0.0.1:8000/api/');
    expect(endpointUrl('http://127.0.0.1:8000/prefix', '/api/')).toBe('http://127.0.0.1:8000/prefix/api/');
    expect(endpointUrl('http://127.0.0.1:8000', '/rpc')).toBe('http://127.0.0.1:8000/rpc');
    expect(endpointUrl('http://127.0.0.1:8000', '/api/{method}', 'presence_stats')).toBe(
      'http://127.0.0.1:8000/api/presence_stats',
    );
    expect(endpointUrl('http://127.0.0.1:8000/api', '/api/{method}', 'info')).toBe('http://127.0.0.1:8000/api/info');
    expect(endpointUrl('http://127.0.0.1:8000/x/', '/api/{method}', 'a/b')).toBe('http://127.0.0.1:8000/x/api/a%2Fb');
  });
});

describe('a request, as the transport descriptor says', () => {
  it('1.x: a command in an array batch, signed with hmac in the form field or the header', async () => {
    const { ir } = await loadProtocol(path.join(repoRoot, 'schema/centrifugo-v1'), repoRoot);
    const [form, json] = ir.transports;
    const data = '[{"method":"publish","params":{"channel":"c"}}]';
    const sign = createHmac('sha256', 's3cret').update(data).digest('hex');
    const viaForm = buildRequest(
      { address: 'http://h:1', transport: form!, credentials: { insecure: false, secret: 's3cret' }, timeoutMs: 1 },
      'publish',
      { channel: 'c' },
    );
    expect(viaForm).toEqual({
      url: 'http://h:1/api/',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sign, data }).toString(),
    });
    const viaJson = buildRequest(
      { address: 'http://h:1', transport: json!, credentials: { insecure: false, secret: 's3cret' }, timeoutMs: 1 },
      'publish',
      { channel: 'c' },
    );
    expect(viaJson).toEqual({
      url: 'http://h:1/api/',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-API-Sign': sign },
      body: data,
    });
    const insecure = buildRequest(
      { address: 'http://h:1', transport: form!, credentials: { insecure: true }, timeoutMs: 1 },
      'publish',
      { channel: 'c' },
    );
    expect(insecure.body).toBe(new URLSearchParams({ data }).toString());
  });

  it('http-api: the params as the body, the method in the path, the key in its header with its prefix', async () => {
    const { ir } = await loadProtocol(fixture('mini-v6'), repoRoot);
    const transport = {
      ...ir.transports[0]!,
      auth: {
        scheme: 'api-key' as const,
        header: 'Authorization',
        prefix: 'apikey ',
        alternatives: [],
        optional: false,
      },
    };
    expect(
      buildRequest(
        { address: 'http://h:1', transport, credentials: { insecure: false, apiKey: 'k' }, timeoutMs: 1 },
        'history',
        { channel: 'c' },
      ),
    ).toEqual({
      url: 'http://h:1/api/history',
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: 'apikey k' },
      body: '{"channel":"c"}',
    });
  });
});

describe('a probe that expects a catalogued error', () => {
  const expectingRpc = async () => {
    const { ir } = await loadProtocol(path.join(repoRoot, 'schema/centrifugo-v6'), repoRoot);
    const rpc = ir.methods.find((m) => m.name === 'rpc')!;
    return { ir, rpc, check: createReplyChecker(ir, ir.transports[0]!) };
  };

  it('passes on exactly that error, in the shape of the error type', async () => {
    const { rpc, check } = await expectingRpc();
    expect(check(rpc, { error: { code: 104, message: 'not found' } }, 'not_found')).toEqual([]);
    expect(check(rpc, { error: { code: 104, message: 7 } }, 'not_found')).toEqual([
      { view: 'wire', path: '/error/message', expected: 'type string', got: '7' },
    ]);
  });

  it('fails on a result, and on another error', async () => {
    const { rpc, check } = await expectingRpc();
    expect(check(rpc, { result: { data: 1 } }, 'not_found')).toEqual([
      { view: 'wire', path: '/result', expected: 'the error not_found (the probe plan expects it)', got: '{"data":1}' },
    ]);
    expect(check(rpc, { error: { code: 107, message: 'bad request' } }, 'not_found')).toEqual([
      {
        view: 'wire',
        path: '/error',
        expected: 'the error not_found (the probe plan expects it)',
        got: '{"code":107,"message":"bad request"} (the soft error bad_request)',
      },
    ]);
    // Without the expectation the same error is a plain mismatch.
    expect(check(rpc, { error: { code: 104, message: 'not found' } })).toHaveLength(1);
  });

  it("must name one of the method's errors", async () => {
    const { ir } = await expectingRpc();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'probes-'));
    try {
      await writeFile(
        path.join(dir, 'probes.json'),
        JSON.stringify({
          channel: 'c',
          probes: { info: { expectError: 'not_found' }, rpc: { expectError: 'not_found' } },
        }),
      );
      const error = await loadProbePlan(dir, ir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaSetError);
      expect((error as SchemaSetError).problems).toEqual([
        {
          code: 'probes-invalid',
          file: 'probes.json',
          path: '/probes/info/expectError',
          message:
            '"not_found" is not one of the errors of info (internal_server_error, malformed_request, unauthorized)',
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
