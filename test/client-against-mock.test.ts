/**
 * The generated client against the mock: every method end to end, typed results checked with
 * the validators (validateReplies), soft errors inside batches, and the mock's faults surfacing
 * as the client's typed errors. Both sides are the shipped packages, built from one schema.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CentCommandError, CentHttpError, CentTransportError, Client } from '@centkit/client';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';

const SECRET = 'integration-secret';

describe('@centkit/client against @centkit/mock', () => {
  let mock: MockCentrifugo;
  let client: Client;
  beforeAll(async () => {
    mock = await startMockCentrifugo({
      secret: SECRET,
      strict: true,
      config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
    });
    client = new Client({ address: mock.url, secret: SECRET, validateReplies: true, timeout: 1000 });
  });
  afterEach(() => {
    mock.assertNoViolations();
    mock.reset();
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });

  it('runs every method with typed, validated results', async () => {
    const alice = mock.addClient({ user: 'alice', channels: ['public:chat'], default_info: { name: 'Alice' } });
    expect(await client.publish({ channel: 'public:chat', data: { text: 'hi' }, uid: 'm1' })).toBeNull();
    expect(await client.broadcast({ channels: ['public:chat', 'public:news'], data: 1 })).toBeNull();
    const history = await client.history({ channel: 'public:chat' });
    expect(history.data.map((m) => m.data)).toEqual([1, { text: 'hi' }]);
    expect(history.data[1]?.uid).toBe('m1');
    const presence = await client.presence({ channel: 'public:chat' });
    expect(Object.values(presence.data)).toEqual([
      { user: 'alice', client: alice.client, default_info: { name: 'Alice' } },
    ]);
    expect((await client.channels()).data).toEqual(['public:chat']);
    const stats = await client.stats();
    expect(stats.data.nodes).toHaveLength(1);
    expect((await client.node()).data.name).toBe(mock.nodeInfo.name);
    expect(await client.unsubscribe({ user: 'alice', channel: 'public:chat' })).toBeNull();
    expect((await client.channels()).data).toEqual([]);
    expect(await client.disconnect({ user: 'alice' })).toBeNull();
    expect(mock.clients()).toEqual([]);
  });

  it('keeps each soft error to its own entry in a batch', async () => {
    const [ok, unknownNamespace, notAvailable, history] = await client
      .batch()
      .publish({ channel: 'public:a', data: 'x' })
      .publish({ channel: 'nope:a', data: 'x' })
      .history({ channel: 'top-level' })
      .history({ channel: 'public:a' })
      .send();
    expect(ok).toEqual({ ok: true, method: 'publish', body: null });
    expect(unknownNamespace).toEqual({ ok: false, method: 'publish', error: 'namespace not found', advice: 'fix' });
    expect(notAvailable).toEqual({ ok: false, method: 'history', error: 'not available' });
    expect(history.ok && history.body.data.map((m) => m.data)).toEqual(['x']);
  });

  it('rejects a single call with the server error string', async () => {
    const error = await client.presence({ channel: 'nope:x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CentCommandError);
    expect((error as CentCommandError).error).toBe('namespace not found');
  });

  it('turns a wrong secret into a 401 that says so, without the secret', async () => {
    const wrong = new Client({ address: mock.url, secret: 'not-the-secret' });
    const error = await wrong.stats().catch((e: unknown) => e);
    await wrong.close();
    expect(error).toBeInstanceOf(CentHttpError);
    expect((error as CentHttpError).status).toBe(401);
    expect((error as Error).message).toMatch(/secret/);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('not-the-secret');
    mock.clearViolations();
  });

  it('surfaces injected faults as typed errors, and retries only what is safe', async () => {
    mock.injectFault({ type: 'status', status: 500, times: 1 });
    expect(await client.stats().catch((e: unknown) => e)).toBeInstanceOf(CentHttpError);

    mock.injectFault({ type: 'drop', times: 1 });
    expect(await client.publish({ channel: 'public:a', data: 1 }).catch((e: unknown) => e)).toBeInstanceOf(
      CentTransportError,
    );

    // A read method is retried after a 500; a publish never is.
    const retrying = new Client({
      address: mock.url,
      secret: SECRET,
      retry: { attempts: 3, minDelay: 1, maxDelay: 5 },
    });
    mock.injectFault({ type: 'status', status: 500, times: 1 });
    expect((await retrying.stats()).data.nodes).toHaveLength(1);
    mock.injectFault({ type: 'status', status: 500, times: 1 });
    expect(await retrying.publish({ channel: 'public:a', data: 2 }).catch((e: unknown) => e)).toBeInstanceOf(
      CentHttpError,
    );
    await retrying.close();
    expect(mock.commands({ method: 'publish' }).filter((c) => c.error === null)).toHaveLength(0);
  });
});
