/**
 * The `params`/`envelope` codec against the real Centrifugo v6.9.1: results, every error path
 * of the server API (envelope codes, HTTP statuses, transport error mode) and the keyed batch.
 */
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import {
  CentApiError,
  CentAuthError,
  CentHttpError,
  CentTransportError,
  type EnvelopeClientOptions,
  type ProtocolBinding,
} from '../../src/v6/index.js';
import { readKeyedReplies } from '../../src/runtime/envelope/reply.js';
import { rejectionOf } from '../support/net.js';
import { HTTP_API, rawCommand, TestClient } from './support/v6-client.js';

const unique = (prefix: string): string => `${prefix}${randomUUID().slice(0, 8)}`;

describeWithCentrifugo('params/envelope codec against the real Centrifugo v6.9.1', () => {
  let server: RealCentrifugo;
  const clients: TestClient[] = [];
  const client = (
    options: Partial<EnvelopeClientOptions> = {},
    protocol: Partial<ProtocolBinding> = {},
  ): TestClient => {
    const c = new TestClient({ url: server.url, apiKey: API_KEY, validateReplies: true, ...options }, protocol);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startCentrifugo();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('resolves to the result: a publish into a history channel gets its position, history returns it', async () => {
    const channel = unique('hist:');
    const c = client();
    const published = await c.publish({ channel, data: { text: 'hi' } });
    expect(published).toEqual({ offset: 1, epoch: expect.stringMatching(/^[a-zA-Z]{8}$/) });
    await expect(c.publish({ channel: unique('news'), data: 1 })).resolves.toEqual({});
    const history = await c.history({ channel, limit: -1 });
    expect(history).toEqual({ publications: [{ data: { text: 'hi' }, offset: 1 }], offset: 1, epoch: published.epoch });
    await expect(c.info()).resolves.toMatchObject({ nodes: [{ version: '6.9.1 OSS' }] });
  });

  it.each([
    ['107 bad request: an empty channel', 'publish', { channel: '', data: 1 }, 107, 'bad request'],
    ['102 unknown channel', 'publish', { channel: 'nope:x', data: 1 }, 102, 'unknown channel'],
    ['108 not available: presence where it is off', 'presence', { channel: 'hist:x' }, 108, 'not available'],
    [
      '112 unrecoverable position',
      'history',
      { channel: 'hist:x', since: { offset: 0, epoch: 'wrongepo' } },
      112,
      'unrecoverable position',
    ],
    ['104 not found: an rpc nobody registered', 'rpc', { method: 'nobody' }, 104, 'not found'],
  ])('%s → CentApiError with the code, the message and the method', async (_label, method, params, code, message) => {
    const error = await rejectionOf(client().callRaw(method, params));
    expect(error).toBeInstanceOf(CentApiError);
    expect(error).toMatchObject({ name: 'CentApiError', code, message, method, status: 200, attempts: 1 });
    expect((error as CentApiError).url).toBe(`${server.url}/api/${method}`);
  });

  it('transport error mode: the client asks for it, the server answers with the status, still a CentApiError', async () => {
    const c = client({ errorMode: 'transport' });
    await expect(c.publish({ channel: 'nope:x', data: 1 })).rejects.toMatchObject({
      name: 'CentApiError',
      code: 102,
      status: 404,
      message: 'unknown channel',
    });
    await expect(c.publish({ channel: '', data: 1 })).rejects.toMatchObject({
      name: 'CentApiError',
      code: 107,
      status: 400,
    });
    await expect(c.publish({ channel: unique('hist:'), data: 1 })).resolves.toMatchObject({ offset: 1 });
    // An unknown route is no method error: Go's plain 404 page.
    await expect(c.callRaw('no_such_method', {})).rejects.toMatchObject({
      name: 'CentHttpError',
      status: 404,
      body: '404 page not found\n',
    });
  });

  it('401 with a wrong key: CentAuthError that says the key was refused, and never shows it', async () => {
    const secretKey = `wrong-${randomUUID()}`;
    const c = client({ apiKey: secretKey });
    const error = await rejectionOf(c.info());
    expect(error).toBeInstanceOf(CentAuthError);
    expect(error).toBeInstanceOf(CentHttpError);
    expect(error).toMatchObject({ name: 'CentAuthError', status: 401, body: '', keySent: true });
    expect((error as Error).message).toMatch(/the API key was refused/);
    for (const text of [
      inspect(error, { showHidden: true, depth: Infinity }),
      JSON.stringify(error),
      String(error),
      inspect(c),
      JSON.stringify(c),
      String(c),
    ]) {
      expect(text).not.toContain(secretKey);
    }
  });

  it('401 without a key: says none was sent', async () => {
    const keyless = new TestClient({ url: server.url, validateReplies: true });
    clients.push(keyless);
    const error = await rejectionOf(keyless.info());
    expect(error).toMatchObject({ name: 'CentAuthError', keySent: false });
    expect((error as Error).message).toMatch(/no API key was sent/);
  });

  it('404 for an unknown method, 400 for a body that does not decode, 405 for another HTTP method', async () => {
    const notFound = await rejectionOf(client().callRaw('connections', {}));
    expect(notFound).toMatchObject({ name: 'CentHttpError', status: 404, body: '404 page not found\n' });
    expect((notFound as Error).message).toMatch(/no route for this method/);

    const badRequest = await rejectionOf(client().callRaw('publish', { channel: 123 }));
    expect(badRequest).toMatchObject({ name: 'CentHttpError', status: 400, body: 'Bad Request\n' });
    expect((badRequest as Error).message).toMatch(/could not decode the body/);

    const put = { transport: { ...HTTP_API, http: { ...HTTP_API.http, method: 'PUT' } } };
    await expect(client({}, put).info()).rejects.toMatchObject({ name: 'CentHttpError', status: 405, body: '' });
  });

  it('a connection refused is a transport error that did not reach the server', async () => {
    const c = client({ url: 'http://127.0.0.1:1' });
    const error = await rejectionOf(c.info());
    expect(error).toBeInstanceOf(CentTransportError);
    expect(error).toMatchObject({ causeCode: 'ECONNREFUSED', mayHaveReachedServer: false });
  });

  it('batch: one request, one entry per command in order, mixed outcomes, sequential or parallel', async () => {
    const channel = unique('hist:');
    for (const parallel of [false, true]) {
      const built = client()
        .batch()
        .publish({ channel, data: { parallel } })
        .publish({ channel: 'nope:x', data: 1 })
        .presence({ channel })
        .history({ channel, limit: 0 });
      const [published, unknown, notAvailable, history, notFound] = await rawCommand(built, 'no_such_method', {}).send({
        parallel,
      });
      expect(published).toMatchObject({
        ok: true,
        method: 'publish',
        result: { offset: expect.any(Number), epoch: expect.any(String) },
      });
      expect(unknown).toMatchObject({
        ok: false,
        method: 'publish',
        error: { name: 'CentApiError', code: 102, message: 'unknown channel', status: 200 },
      });
      expect(notAvailable.ok ? undefined : notAvailable.error).toBeInstanceOf(CentApiError);
      expect(notAvailable).toMatchObject({ ok: false, method: 'presence', error: { code: 108 } });
      expect(history).toMatchObject({ ok: true, method: 'history', result: { publications: [] } });
      expect(notFound).toMatchObject({
        ok: false,
        method: 'no_such_method',
        error: { code: 104, message: 'not found' },
      });
      // Typed per entry: a publish entry's result is a PublishResult.
      const offset: number | undefined = published.ok ? published.result.offset : undefined;
      expect(offset).toBe(parallel ? 2 : 1);
    }
  });

  it("batch: an empty batch sends nothing; the server's reply to one, {}, reads as no entries", async () => {
    await expect(client().batch().send()).resolves.toEqual([]);
    const response = await fetch(`${server.url}/api/batch`, {
      method: 'POST',
      headers: { 'X-API-Key': API_KEY },
      body: '{"commands":[]}',
    });
    const text = await response.text();
    expect(text).toBe('{}');
    const fields = { result: 'result', error: 'error', code: 'code', message: 'message', replies: 'replies' };
    expect(readKeyedReplies({ url: server.url, methods: [] }, fields, text, [])).toEqual([]);
  });

  it('batch: a body the server cannot decode fails the whole batch with HTTP 400', async () => {
    const error = await rejectionOf(
      rawCommand(client().batch().publish({ channel: 'a', data: 1 }), 'publish', { channel: 5 }).send(),
    );
    expect(error).toMatchObject({ name: 'CentHttpError', status: 400, methods: ['publish', 'publish'] });
  });
});
