/**
 * Keep-alive connections and the request that may be lost on one (issue 16 §1): a request is
 * re-sent only if no byte of it went out, or if running it twice is harmless; and the client does
 * not keep idle connections a server may be closing.
 */
import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CentTransportError } from '../src/index.js';
import { rejectionOf, waitFor } from './support/net.js';
import { setupServer } from './support/server-setup.js';
import type { TestClient } from './support/test-client.js';

const FAST = { attempts: 3, minDelay: 1, maxDelay: 5 };

/** The idle sockets of `agent` (all hosts). */
function freeSockets(agent: Agent): Socket[] {
  return Object.values(agent.freeSockets).flatMap((list) => list ?? []) as Socket[];
}

describe('keep-alive', () => {
  const { server, client } = setupServer();

  /** A client whose second call goes over the connection its first call opened. */
  async function warmed(options: Parameters<typeof client>[0] = {}): Promise<TestClient> {
    const c = client(options);
    await c.stats();
    return c;
  }

  describe('a reused connection that closes after the server read the request', () => {
    it.each(['reset', 'close'] as const)(
      '%s: a publish is not re-sent, and the error says it may have run',
      async (drop) => {
        const c = await warmed({ retry: FAST });
        server.script({ drop });
        const error = await rejectionOf(c.publish({ channel: 'a', data: 1 }));
        expect(error).toBeInstanceOf(CentTransportError);
        expect(error).toMatchObject({ staleConnection: true, mayHaveReachedServer: true, attempts: 1 });
        expect(server.requests.map((r) => r.requestOnConnection)).toEqual([1, 2]);
      },
    );

    it.each(['reset', 'close'] as const)('%s: without retries, the same truthful error', async (drop) => {
      const c = await warmed();
      server.script({ drop });
      const error = await rejectionOf(c.publish({ channel: 'a', data: 1 }));
      expect(error).toMatchObject({
        name: 'CentTransportError',
        staleConnection: true,
        mayHaveReachedServer: true,
        attempts: 1,
      });
    });

    it.each(['reset', 'close'] as const)('%s: a read is retried over a fresh connection', async (drop) => {
      const c = await warmed({ retry: FAST });
      server.script({ drop });
      await expect(c.history({ channel: 'h' })).resolves.toEqual({ channel: 'h', data: [] });
      const [first, lost, retried] = server.requests;
      expect(lost?.connection).toBe(first?.connection);
      expect(retried?.connection).not.toBe(first?.connection);
      expect(server.requests).toHaveLength(3);
    });
  });

  describe('a pooled connection already closed at our end: nothing of the request was written', () => {
    async function closedPooledSocket(agent: Agent): Promise<TestClient> {
      const c = client({ agent });
      await c.stats();
      const [socket] = freeSockets(agent);
      // Ended here, in the same tick as the next call: the pool still hands it out.
      socket?.end();
      return c;
    }

    it('even a publish is re-sent, over a fresh connection, and runs once', async () => {
      const agent = new Agent({ keepAlive: true });
      const c = await closedPooledSocket(agent);
      await expect(c.publish({ channel: 'a', data: 1 }, { retry: FAST })).resolves.toBeNull();
      expect(server.requests.map((r) => [r.connection, r.requestOnConnection])).toEqual([
        [server.requests[0]?.connection, 1],
        [server.requests[1]?.connection, 1],
      ]);
      expect(server.requests[1]?.connection).not.toBe(server.requests[0]?.connection);
      agent.destroy();
    });

    it('without retries, the error says it did not reach the server', async () => {
      const agent = new Agent({ keepAlive: true });
      const c = await closedPooledSocket(agent);
      const error = await rejectionOf(c.publish({ channel: 'a', data: 1 }));
      expect(error).toMatchObject({ name: 'CentTransportError', staleConnection: true, mayHaveReachedServer: false });
      expect(server.requests).toHaveLength(1);
      agent.destroy();
    });
  });

  describe('idle connections are not kept while a server may be closing them', () => {
    it('the own agent closes an idle connection after idleTimeout', async () => {
      await warmed({ idleTimeout: 50 });
      expect(server.openConnections).toBe(1);
      await waitFor(() => server.openConnections === 0);
    });

    it("a server's Keep-Alive: timeout=N closes it at N-1 s even with a longer idleTimeout", async () => {
      server.script({ body: [{ method: 'stats', error: null, body: {} }], headers: { 'Keep-Alive': 'timeout=2' } });
      await warmed({ idleTimeout: 60_000 });
      expect(server.openConnections).toBe(1);
      await waitFor(() => server.openConnections === 0, 4000);
    });

    it('Keep-Alive: timeout=1 leaves no time to reuse it: the connection is not kept', async () => {
      server.script({ body: [{ method: 'stats', error: null, body: {} }], headers: { 'Keep-Alive': 'timeout=1' } });
      const c = await warmed();
      await c.stats();
      expect(server.requests.map((r) => r.requestOnConnection)).toEqual([1, 1]);
    });

    it('idleTimeout must be a positive finite number', () => {
      expect(() => client({ idleTimeout: 0 })).toThrow(/idleTimeout must be a positive number/);
      expect(() => client({ idleTimeout: Infinity })).toThrow(/idleTimeout/);
    });
  });
});
