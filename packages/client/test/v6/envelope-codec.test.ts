/**
 * The `params`/`envelope` codec against a scripted server: what goes on the wire, malformed
 * replies, timeouts and abort, the schema-check hooks, and its options.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CentAbortError,
  CentContractError,
  CentMalformedReplyError,
  CentParamsError,
  CentTimeoutError,
  CentUsageError,
} from '../../src/v6/index.js';
import type { EnvelopeClientOptions, ProtocolBinding, SchemaValidate } from '../../src/v6/index.js';
import { FakeCentrifugo } from '../support/fake-centrifugo.js';
import { rejectionOf } from '../support/net.js';
import { HTTP_API, protocolBinding, rawCommand, TestClient } from './support/v6-client.js';

const KEY = 'the-api-key-9f8e7d';

describe('params/envelope codec', () => {
  const server = FakeCentrifugo.create({ secret: 'unused' });
  const clients: TestClient[] = [];
  const client = (
    options: Partial<EnvelopeClientOptions> = {},
    protocol: Partial<ProtocolBinding> = {},
  ): TestClient => {
    const c = new TestClient({ url: `http://127.0.0.1:${server.port}`, apiKey: KEY, ...options }, protocol);
    clients.push(c);
    return c;
  };
  beforeAll(() => server.listen());
  afterEach(async () => {
    server.reset();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());

  describe('the request', () => {
    it('POSTs the params as the JSON body to /api/<method>, with the key in X-API-Key', async () => {
      server.script({ body: { result: { offset: 3, epoch: 'abcdefgh' } } });
      await expect(
        client({ headers: { 'x-api-key': 'not this', 'X-Trace': 't1' } }).publish({ channel: 'c', data: { a: 1 } }),
      ).resolves.toEqual({ offset: 3, epoch: 'abcdefgh' });
      const [request] = server.requests;
      expect(request).toMatchObject({
        httpMethod: 'POST',
        path: '/api/publish',
        body: '{"channel":"c","data":{"a":1}}',
      });
      expect(request?.headers).toMatchObject({ 'x-api-key': KEY, 'content-type': 'application/json', 'x-trace': 't1' });
      expect(request?.headers['x-centrifugo-error-mode']).toBeUndefined();
    });

    it("keeps the URL's path as a prefix, and a path template overrides the transport's", async () => {
      server.script({ body: { result: {} } }, { body: { result: {} } });
      await client({ url: `http://127.0.0.1:${server.port}/centrifugo/` }).info();
      await client({ path: '/v6/{method}/run' }).info();
      expect(server.requests.map((r) => r.path)).toEqual(['/centrifugo/api/info', '/v6/info/run']);
    });

    it("errorMode transport sends the transport's header", async () => {
      server.script({ body: { result: {} } });
      await client({ errorMode: 'transport' }).info();
      expect(server.requests[0]?.headers['x-centrifugo-error-mode']).toBe('transport');
    });

    it('a batch is one request to the batch method: {commands: [{<method>: params}], parallel}', async () => {
      server.script({ body: { replies: [{ publish: {} }, { history: { publications: [], offset: 0, epoch: 'e' } }] } });
      await client()
        .batch()
        .publish({ channel: 'a', data: 1 })
        .history({ channel: 'h' })
        .send({ parallel: true, timeout: 1000 });
      expect(server.requests[0]?.path).toBe('/api/batch');
      expect(server.requests[0]?.body).toBe(
        '{"commands":[{"publish":{"channel":"a","data":1}},{"history":{"channel":"h"}}],"parallel":true}',
      );
    });
  });

  it('a batch method that answers like any method (batch.reply "envelope"): the replies inside the result, its error a CentApiError', async () => {
    const enveloped = { transport: { ...HTTP_API, batch: { ...HTTP_API.batch, reply: 'envelope' as const } } };
    server.script(
      {
        body: {
          result: { replies: [{ publish: { offset: 1 } }, { error: { code: 102, message: 'unknown channel' } }] },
        },
      },
      { body: { error: { code: 107, message: 'bad request' } } },
    );
    const c = client({}, enveloped);
    const [published, failed] = await c
      .batch()
      .publish({ channel: 'a', data: 1 })
      .publish({ channel: 'b', data: 1 })
      .send();
    expect(published).toEqual({ ok: true, method: 'publish', result: { offset: 1 } });
    expect(failed).toMatchObject({ ok: false, method: 'publish', error: { name: 'CentApiError', code: 102 } });
    await expect(c.batch().info().send()).rejects.toMatchObject({ name: 'CentApiError', code: 107, method: 'batch' });
  });

  describe('malformed replies', () => {
    it.each([
      ['not JSON', 'oops', 'not-json'],
      ['not an object', [1], 'not-object'],
      ['neither result nor error', { other: 1 }, 'no-result'],
      ['an error without a numeric code', { error: { code: '102', message: 'x' } }, 'bad-error'],
    ])('%s', async (_label, body, reason) => {
      server.script({ body });
      const error = await rejectionOf(client().info());
      expect(error).toBeInstanceOf(CentMalformedReplyError);
      expect(error).toMatchObject({ reason });
    });

    it.each([
      ['fewer replies', { replies: [{ publish: {} }] }, 'wrong-length'],
      ['no replies for commands', {}, 'wrong-length'],
      ['a reply for another method', { replies: [{ publish: {} }, { presence: {} }] }, 'wrong-method'],
      ['a reply that is not an object', { replies: [{ publish: {} }, null] }, 'item-not-object'],
    ])('batch: %s', async (_label, body, reason) => {
      server.script({ body });
      const error = await rejectionOf(
        client().batch().publish({ channel: 'a', data: 1 }).history({ channel: 'h' }).send(),
      );
      expect(error).toMatchObject({ name: 'CentMalformedReplyError', reason });
    });
  });

  it('a call that takes too long: CentTimeoutError; an abort: CentAbortError', async () => {
    server.script({ delay: 500, body: { result: {} } }, { delay: 500, body: { result: {} } });
    await expect(client({ timeout: 50 }).info()).rejects.toBeInstanceOf(CentTimeoutError);
    const controller = new AbortController();
    const pending = client().info({}, { signal: controller.signal });
    setTimeout(() => controller.abort('enough'), 20);
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(CentAbortError);
    expect(error).toMatchObject({ reason: 'enough', mayHaveReachedServer: true });
  });

  describe('schema checks', () => {
    const validate: SchemaValidate = (method, kind, value) => {
      if (kind === 'params' && method === 'publish' && typeof (value as { channel?: unknown }).channel !== 'string') {
        return { ok: false, errors: [{ path: '/channel', message: 'must be string', keyword: 'type' }] };
      }
      if (
        kind === 'result' &&
        method === 'history' &&
        !Array.isArray((value as { publications?: unknown }).publications)
      ) {
        return { ok: false, errors: [{ path: '/publications', message: 'must be array', keyword: 'type' }] };
      }
      return { ok: true };
    };
    const withValidators = { validators: { module: 'test validators', load: async () => validate } };

    it("validateReplies: true uses the protocol's validators and names the path", async () => {
      server.script({ body: { result: { publications: null, offset: 0, epoch: '' } } });
      const error = await rejectionOf(client({ validateReplies: true }, withValidators).history({ channel: 'h' }));
      expect(error).toBeInstanceOf(CentContractError);
      expect(error).toMatchObject({ method: 'history', path: '/publications' });
    });

    it('validateReplies in a batch names the command index', async () => {
      server.script({ body: { replies: [{ publish: {} }, { history: { publications: 1 } }] } });
      const error = await rejectionOf(
        client({ validateReplies: true }, withValidators)
          .batch()
          .publish({ channel: 'a', data: 1 })
          .history({ channel: 'h' })
          .send(),
      );
      expect(error).toMatchObject({ name: 'CentContractError', index: 1, path: '/publications' });
    });

    it('validateParams: bad params reject with CentParamsError naming the path, and nothing is sent', async () => {
      const c = client({ validateParams: true }, withValidators);
      const error = await rejectionOf(c.callRaw('publish', { channel: 5, data: 1 }));
      expect(error).toBeInstanceOf(CentParamsError);
      expect(error).toMatchObject({ code: 'CENT_PARAMS', method: 'publish', path: '/channel', index: undefined });
      const inBatch = await rejectionOf(rawCommand(c.batch().history({ channel: 'h' }), 'publish', { data: 1 }).send());
      expect(inBatch).toMatchObject({ name: 'CentParamsError', index: 1 });
      expect(server.requests).toHaveLength(0);
    });

    it('validateReplies: true with validators that fail to load is a usage error naming them', async () => {
      server.script({ body: { result: {} } });
      const missing = {
        validators: { module: 'missing validators', load: () => Promise.reject(new Error('not built')) },
      };
      const error = await rejectionOf(client({ validateReplies: true }, missing).info());
      expect(error).toBeInstanceOf(CentUsageError);
      expect((error as Error).message).toBe(
        'validateReplies: true needs missing validators, which failed to load: not built',
      );
    });

    it('the generated binding loads @centkit/validators/v6 on first use', async () => {
      expect(protocolBinding.validators?.module).toBe('@centkit/validators/v6');
      const validate = await protocolBinding.validators?.load();
      expect(validate?.('presence_stats', 'result', { num_clients: 0, num_users: 0 })).toMatchObject({ ok: true });
      expect(validate?.('presence_stats', 'result', { num_clients: '0' })).toMatchObject({ ok: false });
    });
  });

  describe('options', () => {
    it('refuses what it cannot use', () => {
      expect(() => client({ url: 'ftp://x' })).toThrow(/url must use http: or https:/);
      expect(() => client({ url: 'nope' })).toThrow(/url must be an absolute/);
      expect(() => client({ apiKey: '' })).toThrow(/apiKey must be a non-empty string/);
      expect(() => client({ path: '/api/' })).toThrow(/must contain \{method\}/);
      expect(() => client({ errorMode: 'loud' as never })).toThrow(/errorMode/);
      const commandsShaped = { ...HTTP_API, request: { shape: 'commands' }, reply: { shape: 'commands' } } as const;
      expect(() => client({}, { transport: commandsShaped })).toThrow(/not a params\/envelope transport/);
      const unknownShape = { ...HTTP_API, reply: { shape: 'xml' } } as unknown as typeof HTTP_API;
      expect(() => client({}, { transport: unknownShape })).toThrow(/has no codec in this runtime/);
      const clashing = { ...HTTP_API, batch: { ...HTTP_API.batch, options: ['parallel', 'timeout'] } } as const;
      expect(() => client({}, { transport: clashing })).toThrow(/batch option timeout has the name of a call option/);
    });

    it('never shows the API key in any error', async () => {
      const errors: unknown[] = [];
      const c = client({ timeout: 100, maxReplyBytes: 64 });
      server.script(
        { status: 401, body: '' },
        { body: { error: { code: 102, message: 'unknown channel' } } },
        { status: 404, body: '404 page not found\n' },
        { body: 'not json' },
        { drop: 'reset' },
        { delay: 400 },
        { body: { result: { big: 'x'.repeat(200) } } },
      );
      for (let i = 0; i < 7; i++) errors.push(await rejectionOf(c.info()));
      errors.push(await rejectionOf(c.info({}, { signal: AbortSignal.abort('bye') })));
      errors.push(await rejectionOf(c.callRaw('publish', { n: 1n })));
      expect(errors.map((e) => (e as Error).name)).toEqual([
        'CentAuthError',
        'CentApiError',
        'CentHttpError',
        'CentMalformedReplyError',
        'CentTransportError',
        'CentTimeoutError',
        'CentReplyTooLargeError',
        'CentAbortError',
        'CentEncodeError',
      ]);
      for (const error of errors) {
        for (const text of [
          inspect(error, { showHidden: true, depth: Infinity }),
          JSON.stringify(error),
          String(error),
          (error as Error).stack ?? '',
        ]) {
          expect(text).not.toContain(KEY);
        }
      }
    });

    it('never shows the API key: inspect, JSON, String', () => {
      const c = client({ url: `http://user:pw@127.0.0.1:${server.port}` });
      for (const text of [inspect(c), JSON.stringify(c), String(c)]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain('pw');
      }
      expect(inspect(c)).toMatch(
        /TestClient \{ url: 'http:\/\/\*\*\*@127\.0\.0\.1:\d+\/api\/\{method\}', errorMode: 'body', timeout: 2000 \}/,
      );
    });
  });
});
