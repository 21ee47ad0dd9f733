import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateApiSign } from '../src/index.js';
import { FakeCentrifugo } from './support/fake-centrifugo.js';
import { TestClient } from './support/test-client.js';

const SECRET = 'secret';
const README_DATA = '[{"method":"publish","params":{"channel":"public:chat","data":{"input":"test"}}}]';

describe('request encoding', () => {
  let server: FakeCentrifugo;
  let insecureServer: FakeCentrifugo;
  const clients: TestClient[] = [];
  const client = (options: Partial<ConstructorParameters<typeof TestClient>[0]> = {}): TestClient => {
    const c = new TestClient({ address: server.address, secret: SECRET, ...options });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await FakeCentrifugo.start({ secret: SECRET });
    insecureServer = await FakeCentrifugo.start({ secret: SECRET, insecure: true });
  });
  afterEach(async () => {
    server.reset();
    insecureServer.reset();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await server.close();
    await insecureServer.close();
  });

  it('form (default): sign=<hex>&data=<urlencoded compact JSON array>', async () => {
    await client().publish({ channel: 'public:chat', data: { input: 'test' } });
    const [request] = server.requests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.data).toBe(README_DATA);
    const sign = generateApiSign(SECRET, README_DATA);
    expect(request?.body).toBe(`sign=${sign}&data=${new URLSearchParams({ data: README_DATA }).toString().slice(5)}`);
    expect(request?.body.startsWith(`sign=${sign}&data=%5B%7B%22method%22%3A%22publish%22`)).toBe(true);
    expect(request?.signValid).toBe(true);
    expect(request?.headers['x-api-sign']).toBeUndefined();
  });

  it('json: the body is the data, the sign goes in X-API-Sign', async () => {
    await client({ encoding: 'json' }).publish({ channel: 'public:chat', data: { input: 'test' } });
    const [request] = server.requests;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toBe(README_DATA);
    expect(request?.headers['x-api-sign']).toBe(generateApiSign(SECRET, README_DATA));
    expect(request?.signValid).toBe(true);
  });

  it('sends non-ASCII text as UTF-8 and signs those bytes', async () => {
    for (const encoding of ['form', 'json'] as const) {
      await client({ encoding }).publish({ channel: 'news', data: { text: 'ünï ☃ "q"' } });
    }
    expect(server.requests.map((r) => [r.mode, r.data, r.signValid])).toEqual([
      ['form', '[{"method":"publish","params":{"channel":"news","data":{"text":"ünï ☃ \\"q\\""}}}]', true],
      ['json', '[{"method":"publish","params":{"channel":"news","data":{"text":"ünï ☃ \\"q\\""}}}]', true],
    ]);
  });

  it('insecure: no sign at all, in either encoding (accepted by an insecure_api server)', async () => {
    const options = { address: insecureServer.address, secret: SECRET, insecure: true };
    const form = new TestClient(options);
    const json = new TestClient({ ...options, encoding: 'json' });
    clients.push(form, json);
    await form.publish({ channel: 'news', data: 1 });
    await json.publish({ channel: 'news', data: 1 });
    const [f, j] = insecureServer.requests;
    expect(f?.body).toBe(`data=${encodeURIComponent('[{"method":"publish","params":{"channel":"news","data":1}}]')}`);
    expect(f?.body).not.toContain('sign=');
    expect(j?.headers['x-api-sign']).toBeUndefined();
  });

  it('insecure against a secure server: the server answers 400', async () => {
    await expect(client({ insecure: true }).publish({ channel: 'news', data: 1 })).rejects.toMatchObject({
      name: 'CentHttpError',
      status: 400,
    });
  });

  it('always sends an array, key order method then params, missing params as {}', async () => {
    const c = client();
    await c.stats();
    await c.callRaw('channels', undefined);
    expect(server.requests.map((r) => r.data)).toEqual([
      '[{"method":"stats","params":{}}]',
      '[{"method":"channels","params":{}}]',
    ]);
  });

  it('adds custom headers but keeps its own Content-Type and sign', async () => {
    await client({
      encoding: 'json',
      headers: { 'X-Trace': 't-1', 'content-type': 'text/plain', 'X-API-Sign': 'forged' },
    }).publish({ channel: 'news', data: 1 });
    const [request] = server.requests;
    expect(request?.headers['x-trace']).toBe('t-1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.signValid).toBe(true);
  });

  it('reuses one keep-alive connection for consecutive calls', async () => {
    const c = client();
    await c.publish({ channel: 'a', data: 1 });
    await c.publish({ channel: 'b', data: 2 });
    await c.stats();
    expect(server.requests.map((r) => [r.connection, r.requestOnConnection])).toEqual([
      [server.requests[0]?.connection, 1],
      [server.requests[0]?.connection, 2],
      [server.requests[0]?.connection, 3],
    ]);
  });
});
