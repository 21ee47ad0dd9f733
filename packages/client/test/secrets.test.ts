import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCentrifugo } from './support/fake-centrifugo.js';
import { closedPort, rejectionOf } from './support/net.js';
import { TestClient } from './support/test-client.js';

const SECRET = 'Th1s-1s-The-S3cret-Value';

/** Every way an error or a client can end up in a log. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value, { showHidden: true, depth: Infinity, getters: true }),
    String(value),
    JSON.stringify(value) ?? '',
  ];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '');
    let cause: unknown = value.cause;
    while (cause !== undefined) {
      out.push(inspect(cause, { showHidden: true, depth: Infinity }));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return out;
}

describe('the secret never leaks', () => {
  let server: FakeCentrifugo;
  beforeAll(async () => {
    server = await FakeCentrifugo.start({ secret: SECRET });
  });
  afterAll(() => server.close());

  it('not through the client object', async () => {
    for (const options of [
      {},
      { encoding: 'json' as const },
      { insecure: true },
      { retry: true, validateReplies: true },
    ]) {
      const client = new TestClient({ address: server.address, secret: SECRET, ...options });
      client.add('publish', { channel: 'a', data: 1 });
      for (const text of renderings(client)) expect(text).not.toContain(SECRET);
      expect(inspect(client)).toMatch(
        /TestClient \{ url: 'http:\/\/127\.0\.0\.1:\d+\/api\/', encoding: '(form|json)', timeout: 2000, pending: 1 \}/,
      );
      expect(Object.keys(client)).toEqual([]);
      await client.close();
    }
  });

  it('not through any error', async () => {
    const errors: unknown[] = [];
    const client = new TestClient({ address: server.address, secret: SECRET, timeout: 100 });
    const wrong = new TestClient({ address: server.address, secret: `${SECRET}-not`, timeout: 100 });
    const refused = new TestClient({ address: `http://127.0.0.1:${await closedPort()}`, secret: SECRET });
    const capture = async (promise: Promise<unknown>): Promise<void> => {
      errors.push(await rejectionOf(promise));
    };

    await capture(wrong.stats()); // 401
    await capture(client.callRaw('nosuchmethod', {})); // 400
    server.script({ status: 500, body: 'boom' });
    await capture(client.stats());
    server.script({ status: 200, body: 'not json' });
    await capture(client.stats());
    server.script({ status: 200, body: [{ method: 'stats', error: 'not available' }] });
    await capture(client.stats());
    server.script({ drop: 'reset' });
    await capture(client.stats());
    server.script({ delay: 400 });
    await capture(client.stats());
    await capture(client.stats({ signal: AbortSignal.abort('bye') }));
    await capture(refused.stats());
    await capture(client.publish({ channel: 'a', data: 1n }));
    await capture(client.batch().raw('nosuchmethod', {}).send());
    await capture(
      new TestClient({
        address: server.address,
        secret: SECRET,
        validateReplies: () => ({ ok: false, errors: [{ path: '/data', message: 'bad', keyword: 'type' }] }),
      }).stats(),
    );
    try {
      new TestClient({ address: `http://user:${SECRET}@[bad`, secret: SECRET });
    } catch (error) {
      errors.push(error);
    }

    expect(errors.map((e) => (e as Error).name)).toEqual([
      'CentHttpError',
      'CentHttpError',
      'CentHttpError',
      'CentMalformedReplyError',
      'CentCommandError',
      'CentTransportError',
      'CentTimeoutError',
      'CentAbortError',
      'CentTransportError',
      'CentEncodeError',
      'CentHttpError',
      'CentContractError',
      'CentUsageError',
    ]);
    for (const error of errors) {
      for (const text of renderings(error)) expect(text).not.toContain(SECRET);
    }
    await Promise.all([client.close(), wrong.close(), refused.close()]);
  });

  it('an address with credentials shows them redacted in errors', async () => {
    server.script({ status: 500, body: '' });
    const client = new TestClient({ address: `http://admin:${SECRET}@127.0.0.1:${server.port}`, secret: 'x' });
    const error = await rejectionOf(client.stats());
    expect((error as Error).message).toContain(`http://***@127.0.0.1:${server.port}/api/`);
    for (const text of [...renderings(error), ...renderings(client)]) expect(text).not.toContain(SECRET);
    await client.close();
  });
});
