/** The generated client (src/gen/client.gen.ts) over this runtime, against the Centrifugo stand-in. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CentCommandError, Client } from '../src/index.js';
import { FakeCentrifugo } from './support/fake-centrifugo.js';

describe('generated Client', () => {
  let server: FakeCentrifugo;
  let client: Client;
  beforeAll(async () => {
    server = await FakeCentrifugo.start({ secret: 'secret' });
    client = new Client({ address: server.address, secret: 'secret' });
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('publishes, reads history and batches with signed requests', async () => {
    await expect(client.publish({ channel: 'public:chat', data: { input: 'test' } })).resolves.toBeNull();
    await expect(client.history({ channel: 'public:chat' })).resolves.toEqual({ channel: 'public:chat', data: [] });
    const [published, stats] = await client.batch().publish({ channel: 'news', data: 1 }).stats().send();
    expect(published).toEqual({ ok: true, method: 'publish', body: null });
    expect(stats.ok && stats.body.data.metrics_interval).toBe(60);
    expect(server.requests.map((r) => [r.data, r.signValid])).toEqual([
      ['[{"method":"publish","params":{"channel":"public:chat","data":{"input":"test"}}}]', true],
      ['[{"method":"history","params":{"channel":"public:chat"}}]', true],
      ['[{"method":"publish","params":{"channel":"news","data":1}},{"method":"stats","params":{}}]', true],
    ]);
  });

  it('rejects a soft error with CentCommandError', async () => {
    server.onCommand = (method) => ({ method, error: 'namespace not found', advice: 'fix', body: null });
    await expect(client.publish({ channel: 'nope:x', data: 1 })).rejects.toBeInstanceOf(CentCommandError);
  });

  it('retries a read method of the generated table, not a write', async () => {
    const retrying = new Client({
      address: server.address,
      secret: 'secret',
      retry: { attempts: 2, minDelay: 1, maxDelay: 2 },
    });
    server.script({ status: 500, body: '' });
    await expect(retrying.channels()).resolves.toEqual({ data: [] });
    server.script({ status: 500, body: '' });
    await expect(retrying.publish({ channel: 'a', data: 1 })).rejects.toMatchObject({ status: 500, attempts: 1 });
    expect(server.requests).toHaveLength(3);
    await retrying.close();
  });
});
