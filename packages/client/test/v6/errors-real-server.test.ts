/**
 * How the generated v6 client reports what the real Centrifugo v6.9.1 refuses (issue 13 §7,
 * Tests): transport error mode for every numbered code (asked per request, or set on the
 * server), the API key refused, missing, or not needed, and a method the server has no route
 * for (404) through a raw call or a client whose path template is wrong. `validateReplies: true`.
 */
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  startCentrifugo,
  variantConfigs,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import { errorCatalogue } from '@centkit/validators/v6';
import { CentApiError, CentAuthError, CentHttpError, type ClientOptions, type ErrorCode } from '../../src/v6/index.js';
import { rejectionOf } from '../support/net.js';
import { HTTP_API, TestClient } from './support/v6-client.js';

const unique = (prefix: string): string => `${prefix}${randomUUID().slice(0, 8)}`;

/** For each code the server returns, a call that gets it. */
const failing: Record<Exclude<ErrorCode, 113>, [method: string, params: object]> = {
  100: ['channels', { pattern: '[' }],
  102: ['publish', { channel: 'nope:x', data: 1 }],
  104: ['rpc', { method: 'nobody' }],
  107: ['publish', { channel: '', data: 1 }],
  108: ['history', { channel: 'news' }],
  112: ['history', { channel: 'hist:x', since: { offset: 1, epoch: 'otherepo' }, limit: -1 }],
};

describeWithCentrifugo('errors of the generated v6 client against the real Centrifugo v6.9.1', () => {
  const servers: RealCentrifugo[] = [];
  const clients: TestClient[] = [];
  let server: RealCentrifugo;
  const client = (options: Partial<ClientOptions> = {}, on: RealCentrifugo = server): TestClient => {
    const c = new TestClient({ url: on.url, apiKey: API_KEY, validateReplies: true, ...options });
    clients.push(c);
    return c;
  };
  const start = async (config?: Parameters<typeof startCentrifugo>[0]): Promise<RealCentrifugo> => {
    const started = await startCentrifugo(config);
    servers.push(started);
    return started;
  };
  beforeAll(async () => {
    server = await start();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  describe('transport error mode', () => {
    it('covers every code the catalogue numbers (113 is never returned by OSS v6.9.1)', () => {
      const codes = errorCatalogue.flatMap((e) => ('code' in e ? [e.code] : [])).sort();
      expect([...Object.keys(failing).map(Number), 113].sort()).toEqual(codes);
    });

    it.each(Object.entries(failing))(
      "code %s: asked for per request, the status is the catalogue's transportStatus, and it is still a CentApiError",
      async (code, [method, params]) => {
        const entry = errorCatalogue.find((e) => 'code' in e && e.code === Number(code));
        const status = entry !== undefined && 'transportStatus' in entry ? entry.transportStatus : undefined;
        expect(status).toBeGreaterThanOrEqual(400);
        const error = await rejectionOf(client({ errorMode: 'transport' }).callRaw(method, params));
        expect(error).toBeInstanceOf(CentApiError);
        expect(error).toMatchObject({ code: Number(code), status, method, attempts: 1 });
        // The same call in body mode: HTTP 200 with the error in the envelope.
        await expect(client().callRaw(method, params)).rejects.toMatchObject({
          name: 'CentApiError',
          code: Number(code),
          status: 200,
        });
      },
    );

    it('a server set to transport mode answers every client that way; a success is still 200; a batch is not affected', async () => {
      const strict = await start(variantConfigs.transportErrorMode);
      const c = client({}, strict);
      await expect(c.publish({ channel: 'nope:x', data: 1 })).rejects.toMatchObject({
        name: 'CentApiError',
        code: 102,
        status: 404,
      });
      await expect(c.presence({ channel: '' })).rejects.toMatchObject({ name: 'CentApiError', code: 107, status: 400 });
      await expect(c.publish({ channel: unique('hist:'), data: 1 })).resolves.toMatchObject({ offset: 1 });
      const [failed, history] = await c
        .batch()
        .publish({ channel: 'nope:x', data: 1 })
        .history({ channel: unique('hist:') })
        .send();
      expect(failed).toMatchObject({ ok: false, error: { code: 102, status: 200 } });
      expect(history).toMatchObject({ ok: true, result: { publications: [], offset: 0 } });
    });
  });

  describe('auth (401)', () => {
    it('a wrong key: CentAuthError that never shows the key; no key: says none was sent', async () => {
      const wrong = `wrong-${randomUUID()}`;
      const refused = await rejectionOf(client({ apiKey: wrong }).info());
      expect(refused).toBeInstanceOf(CentAuthError);
      expect(refused).toBeInstanceOf(CentHttpError);
      expect(refused).toMatchObject({ status: 401, body: '', keySent: true, methods: ['info'] });
      expect(`${inspect(refused, { depth: Infinity })}${JSON.stringify(refused)}`).not.toContain(wrong);
      const keyless = new TestClient({ url: server.url });
      clients.push(keyless);
      await expect(keyless.batch().info().send()).rejects.toMatchObject({
        name: 'CentAuthError',
        keySent: false,
        methods: ['info'],
      });
    });

    it('a server with an empty key refuses every key; an insecure server takes none', async () => {
      const locked = await start(variantConfigs.emptyApiKey);
      await expect(client({}, locked).info()).rejects.toMatchObject({
        name: 'CentAuthError',
        status: 401,
        keySent: true,
      });
      const open = await start(variantConfigs.insecureApi);
      const keyless = new TestClient({ url: open.url, validateReplies: true });
      clients.push(keyless);
      await expect(keyless.info()).resolves.toMatchObject({ nodes: [{ version: '6.9.1 OSS' }] });
    });
  });

  describe('a method the server has no route for (404)', () => {
    it('a raw call of a PRO method, and of a name that is no method', async () => {
      for (const method of ['connections', 'no_such_method']) {
        const error = await rejectionOf(client().callRaw(method, {}));
        expect(error).toMatchObject({
          name: 'CentHttpError',
          status: 404,
          body: '404 page not found\n',
          methods: [method],
        });
        expect((error as Error).message).toMatch(/no route for this method/);
      }
    });

    it('a client whose path template is wrong: every method is 404, and the batch too', async () => {
      const lost = client({ path: '/v6/{method}' });
      await expect(lost.info()).rejects.toMatchObject({
        name: 'CentHttpError',
        status: 404,
        url: `${server.url}/v6/info`,
      });
      await expect(lost.batch().info().send()).rejects.toMatchObject({
        name: 'CentHttpError',
        status: 404,
        url: `${server.url}/v6/batch`,
      });
      // The same server under a prefix the client was told: found.
      await expect(client({ path: '/api/{method}' }).info()).resolves.toMatchObject({ nodes: expect.any(Array) });
    });

    it('a client made from a transport descriptor whose path is wrong: 404', async () => {
      const descriptor = { ...HTTP_API, http: { ...HTTP_API.http, path: '/rpc/{method}' } };
      const fromDescriptor = new TestClient(
        { url: server.url, apiKey: API_KEY, validateReplies: true },
        { transport: descriptor },
      );
      clients.push(fromDescriptor);
      await expect(fromDescriptor.presenceStats({ channel: 'both:x' })).rejects.toMatchObject({
        name: 'CentHttpError',
        status: 404,
        url: `${server.url}/rpc/presence_stats`,
      });
    });
  });
});
