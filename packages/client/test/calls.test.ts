import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { BatchEntry } from '../src/index.js';
import { CentCommandError, CentHttpError } from '../src/index.js';
import { rejectionOf, waitFor } from './support/net.js';
import { setupServer } from './support/server-setup.js';
import type { Message, TestBatch } from './support/test-client.js';

describe('calls, batches and the cent buffer', () => {
  const { server, client } = setupServer();

  describe('single call', () => {
    it('resolves to the reply body', async () => {
      const message: Message = { uid: 'u1', channel: 'news', data: { a: 1 } };
      server.onCommand = (method, params) => ({
        method,
        error: null,
        body: { channel: (params as { channel: string }).channel, data: [message] },
      });
      await expect(client().history({ channel: 'news' })).resolves.toEqual({ channel: 'news', data: [message] });
    });

    it('resolves publish to null (its body)', async () => {
      await expect(client().publish({ channel: 'news', data: 1 })).resolves.toBeNull();
    });

    it('rejects a soft error with CentCommandError carrying error, advice and method', async () => {
      server.onCommand = (method) => ({ method, error: 'namespace not found', advice: 'fix', body: null });
      const error = await rejectionOf(client().publish({ channel: 'nope:x', data: 1 }));
      expect(error).toBeInstanceOf(CentCommandError);
      expect(error).toMatchObject({
        name: 'CentCommandError',
        code: 'CENT_COMMAND',
        method: 'publish',
        error: 'namespace not found',
        advice: 'fix',
        message: 'publish: namespace not found (advice: fix)',
      });
    });

    it('a soft error without advice has advice undefined', async () => {
      server.onCommand = (method) => ({ method, error: 'invalid message', body: { channel: '', data: null } });
      const error = await rejectionOf(client().history({ channel: '' }));
      expect(error).toMatchObject({ error: 'invalid message', advice: undefined, method: 'history' });
    });

    it('does not touch the add/send buffer', async () => {
      const c = client();
      c.add('publish', { channel: 'a', data: 1 });
      await c.stats();
      expect(c.pending).toBe(1);
    });
  });

  describe('typed batch', () => {
    it('gives one entry per command, in order, and a soft error hides nothing', async () => {
      server.onCommand = (method, params, index) =>
        index === 1
          ? { method, error: 'namespace not found', advice: 'fix', body: null }
          : method === 'history'
            ? { method, error: null, body: { channel: (params as { channel: string }).channel, data: [] } }
            : { method, error: null, body: null };
      const [first, second, third, fourth] = await client()
        .batch()
        .publish({ channel: 'a', data: 1 })
        .publish({ channel: 'x:b', data: 2 })
        .history({ channel: 'a' })
        .stats()
        .send();
      expect(first).toEqual({ ok: true, method: 'publish', body: null });
      expect(second).toEqual({ ok: false, method: 'publish', error: 'namespace not found', advice: 'fix' });
      expect(third).toEqual({ ok: true, method: 'history', body: { channel: 'a', data: [] } });
      expect(fourth).toEqual({ ok: true, method: 'stats', body: null });
      expect(server.requests).toHaveLength(1);
      expect(JSON.parse(server.requests[0]?.data ?? '')).toEqual([
        { method: 'publish', params: { channel: 'a', data: 1 } },
        { method: 'publish', params: { channel: 'x:b', data: 2 } },
        { method: 'history', params: { channel: 'a' } },
        { method: 'stats', params: {} },
      ]);
    });

    it('is typed per entry', async () => {
      const [history] = await client().batch().history({ channel: 'a' }).send();
      // compile-time: body is the history result
      const channel: string | undefined = history.ok ? history.body.channel : undefined;
      expect(channel).toBe('a');
    });

    it('an empty batch sends nothing and resolves to []', async () => {
      await expect(client().batch().send()).resolves.toEqual([]);
      expect(server.requests).toHaveLength(0);
    });

    it('can be sent again (it sends the same commands again)', async () => {
      const batch = client().batch().publish({ channel: 'a', data: 1 });
      await batch.send();
      await batch.send();
      expect(server.requests.map((r) => r.data)).toEqual([server.requests[0]?.data, server.requests[0]?.data]);
    });

    it('a hard 400 rejects the whole batch, with what is known in error.batch', async () => {
      const error = await rejectionOf(
        client().batch().publish({ channel: 'a', data: 1 }).raw('nosuchmethod', {}).history({ channel: 'a' }).send(),
      );
      expect(error).toBeInstanceOf(CentHttpError);
      expect(error).toMatchObject({ status: 400, batch: { entries: [], failedAt: 0, total: 3 } });
      expect((error as Error).message).toMatch(/commands before the bad one may have run/);
    });
  });

  describe('chunking by maxBatchSize', () => {
    it('splits a batch into requests of maxBatchSize commands and keeps the entries in order', async () => {
      server.onCommand = (method, params) => ({
        method,
        error: null,
        body: { channel: (params as { channel: string }).channel, data: [] },
      });
      let batch: TestBatch<readonly unknown[]> = client({ maxBatchSize: 3 }).batch();
      for (let i = 0; i < 8; i++) batch = batch.history({ channel: `c${i}` });
      const entries = (await batch.send()) as BatchEntry<{ channel: string }>[];
      expect(entries.map((e) => (e.ok ? e.body.channel : e.error))).toEqual([
        'c0',
        'c1',
        'c2',
        'c3',
        'c4',
        'c5',
        'c6',
        'c7',
      ]);
      expect(server.requests.map((r) => (JSON.parse(r.data) as unknown[]).length)).toEqual([3, 3, 2]);
      expect(server.requests.every((r) => r.signValid)).toBe(true);
    });

    it('defaults to 100 commands per request', async () => {
      const c = client();
      for (let i = 0; i < 250; i++) c.add('publish', { channel: 'c', data: i });
      const entries = await c.send();
      expect(entries).toHaveLength(250);
      expect(server.requests.map((r) => (JSON.parse(r.data) as unknown[]).length)).toEqual([100, 100, 50]);
    });

    it('a failing chunk rejects with the entries of the chunks before it; later chunks are not sent', async () => {
      server.script({}, { status: 400, body: 'Bad Request\n' });
      let batch: TestBatch<readonly unknown[]> = client({ maxBatchSize: 2 }).batch();
      for (let i = 0; i < 6; i++) batch = batch.publish({ channel: `c${i}`, data: i });
      const error = await rejectionOf(batch.send());
      expect(error).toMatchObject({
        status: 400,
        batch: {
          entries: [
            { ok: true, method: 'publish', body: null },
            { ok: true, method: 'publish', body: null },
          ],
          failedAt: 2,
          total: 6,
        },
      });
      expect(server.requests).toHaveLength(2);
    });

    it('rejects a bad maxBatchSize', () => {
      expect(() => client({ maxBatchSize: 0 })).toThrow(/maxBatchSize/);
      expect(() => client({ maxBatchSize: 1.5 })).toThrow(/maxBatchSize/);
    });

    it('maxBatchSize: Infinity sends everything in one request', async () => {
      const c = client({ maxBatchSize: Infinity });
      for (let i = 0; i < 150; i++) c.add('publish', { channel: 'c', data: i });
      await c.send();
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('cent buffer: add / send / reset', () => {
    it('sends the buffered commands in one request and returns entries', async () => {
      const c = client();
      c.add('publish', { channel: 'a', data: 1 }).add('history', { channel: 'a' });
      expect(c.pending).toBe(2);
      const entries = await c.send();
      expect(entries).toEqual([
        { ok: true, method: 'publish', body: null },
        { ok: true, method: 'history', body: { channel: 'a', data: [] } },
      ]);
      expect(c.pending).toBe(0);
    });

    it('empties the buffer before sending, even when sending fails (as cent)', async () => {
      server.script({ status: 500, body: 'Internal Server Error\n' });
      const c = client();
      c.add('publish', { channel: 'a', data: 1 });
      const sending = c.send();
      expect(c.pending).toBe(0);
      await expect(sending).rejects.toBeInstanceOf(CentHttpError);
      expect(c.pending).toBe(0);
    });

    it('send() with an empty buffer sends nothing and resolves to []', async () => {
      await expect(client().send()).resolves.toEqual([]);
      expect(server.requests).toHaveLength(0);
    });

    it('reset() drops the buffer', async () => {
      const c = client();
      c.add('publish', { channel: 'a', data: 1 }).reset();
      expect(c.pending).toBe(0);
      await c.send();
      expect(server.requests).toHaveLength(0);
    });
  });

  it('close() frees the keep-alive sockets and later calls reject', async () => {
    const c = client();
    await c.stats();
    expect(server.openConnections).toBe(1);
    await c.close();
    await waitFor(() => server.openConnections === 0);
    await expect(c.stats()).rejects.toMatchObject({ name: 'CentUsageError', message: 'the client is closed' });
  });

  it('close() leaves an agent it was given alone', async () => {
    const agent = new Agent({ keepAlive: true });
    const c = client({ agent });
    await c.stats();
    await c.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.openConnections).toBe(1);
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
    agent.destroy();
  });
});
