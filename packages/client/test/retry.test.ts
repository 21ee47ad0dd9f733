import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ClientOptions } from '../src/index.js';
import { CentHttpError, CentTimeoutError, CentTransportError } from '../src/index.js';
import { backoffDelay } from '../src/runtime/retry.js';
import { closedPort, rejectionOf } from './support/net.js';
import { setupServer } from './support/server-setup.js';
import type { TestClient } from './support/test-client.js';

const FAST = { attempts: 3, minDelay: 1, maxDelay: 5 };
const HTTP_500 = { status: 500, body: 'Internal Server Error\n' };

describe('retries', () => {
  const { server, client: plainClient } = setupServer();
  const client = (options: Partial<ClientOptions> = {}): TestClient => plainClient({ retry: FAST, ...options });

  it('are off by default', async () => {
    server.script(HTTP_500, HTTP_500);
    await expect(plainClient().stats()).rejects.toMatchObject({ status: 500, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  describe('5xx: only reads', () => {
    it('retries a read until it succeeds', async () => {
      server.script(HTTP_500, { status: 503, body: '' });
      await expect(client().history({ channel: 'a' })).resolves.toEqual({ channel: 'a', data: [] });
      expect(server.requests).toHaveLength(3);
    });

    it('gives up after `attempts` and reports how many were made', async () => {
      server.script(HTTP_500, HTTP_500, HTTP_500, HTTP_500);
      const error = await rejectionOf(client().stats());
      expect(error).toBeInstanceOf(CentHttpError);
      expect(error).toMatchObject({ status: 500, attempts: 3 });
      expect(server.requests).toHaveLength(3);
    });

    it('never re-publishes after a 5xx', async () => {
      server.script(HTTP_500);
      await expect(client().publish({ channel: 'a', data: 1 })).rejects.toMatchObject({ status: 500, attempts: 1 });
      expect(server.requests).toHaveLength(1);
    });

    it('retries a batch only if every command in it is a read', async () => {
      server.script(HTTP_500);
      const entries = await client().batch().history({ channel: 'a' }).stats().send();
      expect(entries.map((e) => e.ok)).toEqual([true, true]);
      expect(server.requests).toHaveLength(2);

      server.reset();
      server.script(HTTP_500);
      await expect(
        client().batch().history({ channel: 'a' }).publish({ channel: 'a', data: 1 }).send(),
      ).rejects.toMatchObject({ status: 500 });
      expect(server.requests).toHaveLength(1);
    });

    it('judges each chunk of a split batch on its own commands', async () => {
      server.script({}, HTTP_500);
      const entries = await client({ maxBatchSize: 1 })
        .batch()
        .publish({ channel: 'a', data: 1 })
        .history({ channel: 'a' })
        .send();
      expect(entries.map((e) => e.method)).toEqual(['publish', 'history']);
      expect(server.requests.map((r) => (JSON.parse(r.data) as { method: string }[])[0]?.method)).toEqual([
        'publish',
        'history',
        'history',
      ]);
    });

    it('a method missing from the method table counts as a write', async () => {
      server.script(HTTP_500);
      await expect(client().callRaw('channels', {})).rejects.toMatchObject({ status: 500 });
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('connection failures', () => {
    it('retries a refused connection, even a publish', async () => {
      const port = await closedPort();
      const error = await rejectionOf(
        client({ address: `http://127.0.0.1:${port}` }).publish({ channel: 'a', data: 1 }),
      );
      expect(error).toBeInstanceOf(CentTransportError);
      expect(error).toMatchObject({ causeCode: 'ECONNREFUSED', attempts: 3, mayHaveReachedServer: false });
    });

    it('retries a failed DNS lookup and publishes exactly once', async () => {
      let lookups = 0;
      const lookup: LookupFunction = (hostname, options, callback) => {
        lookups += 1;
        if (lookups === 1) {
          callback(Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' }), '', 4);
        } else if (options.all) {
          (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
            { address: '127.0.0.1', family: 4 },
          ]);
        } else {
          callback(null, '127.0.0.1', 4);
        }
      };
      const agent = new Agent({ keepAlive: true, lookup } as ConstructorParameters<typeof Agent>[0]);
      await client({ address: `http://centrifugo.test:${server.port}`, agent }).publish({ channel: 'a', data: 1 });
      expect(lookups).toBe(2);
      expect(server.requests).toHaveLength(1);
      agent.destroy();
    });

    it('does not re-send a publish whose reused keep-alive connection was reset before any reply byte: it may have run', async () => {
      const c = client();
      await c.publish({ channel: 'a', data: 1 }); // opens the connection the next call reuses
      server.script((request) => (request.requestOnConnection > 1 ? { drop: 'reset' } : {}));
      const error = await rejectionOf(c.publish({ channel: 'b', data: 2 }));
      expect(error).toMatchObject({
        name: 'CentTransportError',
        staleConnection: true,
        mayHaveReachedServer: true,
        attempts: 1,
      });
      const [first, reused] = server.requests;
      expect(reused?.connection).toBe(first?.connection);
      expect(reused?.requestOnConnection).toBe(2);
      expect(server.requests).toHaveLength(2);
    });

    it('without retries, that stale connection is reported as such, and as maybe run', async () => {
      const c = client({ retry: false });
      await c.publish({ channel: 'a', data: 1 });
      server.script({ drop: 'reset' });
      const error = await rejectionOf(c.publish({ channel: 'b', data: 2 }));
      expect(error).toMatchObject({
        name: 'CentTransportError',
        staleConnection: true,
        mayHaveReachedServer: true,
        attempts: 1,
      });
      expect((error as Error).message).toMatch(/may have closed it while idle, or after running the request/);
    });

    it('does not retry a publish reset on a fresh connection (the server may have run it)', async () => {
      server.script({ drop: 'reset' });
      await expect(client().publish({ channel: 'a', data: 1 })).rejects.toMatchObject({
        causeCode: 'ECONNRESET',
        mayHaveReachedServer: true,
        attempts: 1,
      });
      expect(server.requests).toHaveLength(1);
    });

    it('does retry a read reset on a fresh connection', async () => {
      server.script({ drop: 'reset' });
      await expect(client().stats()).resolves.toBeDefined();
      expect(server.requests).toHaveLength(2);
    });

    it('does not retry a publish whose reused connection broke after the reply started', async () => {
      const c = client();
      await c.publish({ channel: 'a', data: 1 });
      server.script({ drop: 'half' });
      await expect(c.publish({ channel: 'b', data: 2 })).rejects.toMatchObject({
        name: 'CentTransportError',
        mayHaveReachedServer: true,
        staleConnection: false,
      });
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('timeouts', () => {
    it('attemptTimeout: a hung read is retried within the call timeout', async () => {
      server.script({ delay: 1000 });
      const c = client({ timeout: 2000, retry: { ...FAST, attemptTimeout: 50 } });
      await expect(c.history({ channel: 'a' })).resolves.toEqual({ channel: 'a', data: [] });
      expect(server.requests).toHaveLength(2);
    });

    it('attemptTimeout: a hung publish is not retried', async () => {
      server.script({ delay: 1000 });
      const error = await rejectionOf(
        client({ retry: { ...FAST, attemptTimeout: 50 } }).publish({ channel: 'a', data: 1 }),
      );
      expect(error).toBeInstanceOf(CentTimeoutError);
      expect(error).toMatchObject({ scope: 'attempt', timeout: 50, attempts: 1, mayHaveReachedServer: true });
      expect(server.requests).toHaveLength(1);
    });

    it('the call timeout ends the call: no retry after it', async () => {
      server.script({ delay: 1000 }, {});
      const error = await rejectionOf(client({ timeout: 50 }).stats());
      expect(error).toMatchObject({ name: 'CentTimeoutError', scope: 'call', attempts: 1 });
      expect(server.requests).toHaveLength(1);
    });

    it('does not wait for a retry the deadline would cut short: the last real error is thrown', async () => {
      server.script(HTTP_500, HTTP_500);
      const error = await rejectionOf(
        client({ timeout: 100, retry: { attempts: 3, minDelay: 5000, maxDelay: 5000 } }).stats(),
      );
      expect(error).toMatchObject({ name: 'CentHttpError', status: 500, attempts: 1 });
    });
  });

  it('an abort during the backoff delay stops the retries', async () => {
    server.script(HTTP_500, HTTP_500);
    const controller = new AbortController();
    const pending = client({ retry: { attempts: 3, minDelay: 1000, maxDelay: 1000 } }).stats({
      signal: controller.signal,
    });
    setTimeout(() => controller.abort('stop'), 50);
    const error = await rejectionOf(pending);
    expect(error).toMatchObject({ name: 'CentAbortError', reason: 'stop', attempts: 1, mayHaveReachedServer: true });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['400', { status: 400, body: 'Bad Request\n' }],
    ['401', { status: 401, body: 'Unauthorized\n' }],
    ['not JSON', { status: 200, body: 'oops' }],
  ])('never retries %s, even for a read', async (_label, reply) => {
    server.script(reply, reply);
    await expect(client().stats()).rejects.toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('per call: `retry: false` turns them off, options turn them on', async () => {
    server.script(HTTP_500, HTTP_500);
    await expect(client().stats({ retry: false })).rejects.toMatchObject({ attempts: 1 });
    server.reset();
    server.script(HTTP_500);
    const plain = plainClient();
    await expect(plain.stats({ retry: FAST })).resolves.toBeDefined();
    expect(server.requests).toHaveLength(2);
  });

  it('`retry: true` means the defaults; bad settings are refused', () => {
    expect(() => client({ retry: true })).not.toThrow();
    expect(() => client({ retry: { attempts: 0 } })).toThrow(/retry.attempts/);
    expect(() => client({ retry: { minDelay: 10, maxDelay: 5 } })).toThrow(/minDelay <= maxDelay/);
    expect(() => client({ retry: { attemptTimeout: -1 } })).toThrow(/attemptTimeout/);
  });
});

describe('backoffDelay', () => {
  const retry = { attempts: 10, minDelay: 100, maxDelay: 1000, attemptTimeout: undefined };
  it('doubles from minDelay, with jitter in [d/2, d]', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, retry, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((n) => backoffDelay(n, retry, () => 1))).toEqual([100, 200, 400]);
  });
  it('is capped at maxDelay', () => {
    expect(backoffDelay(30, retry, () => 1)).toBe(1000);
    expect(backoffDelay(30, retry, () => 0)).toBe(500);
  });
});
