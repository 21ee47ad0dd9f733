/**
 * `maxReplyBytes` in the v6 `Client` (issue 13 §7, issue 16 §2): a reply over the cap, told by
 * its Content-Length or by counting a chunked body, rejects with `CentReplyTooLargeError`, the
 * socket is destroyed, and nothing past the cap is buffered — for a method call and a batch alike,
 * and never retried, not even a write that carries an idempotency key.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, CentReplyTooLargeError, DEFAULT_MAX_REPLY_BYTES } from '../../src/v6/index.js';
import type { ClientOptions } from '../../src/v6/index.js';
import { rejectionOf, waitFor } from '../support/net.js';
import { endlessReplyCases } from '../support/endless-reply-cases.js';
import { StreamingServer } from '../../../../test/support/streaming-server.js';

const MiB = 1024 * 1024;

describe('v6 Client maxReplyBytes', () => {
  const server = new StreamingServer();
  let url = '';
  const clients: Client[] = [];
  const client = (options: Partial<ClientOptions> = {}): Client => {
    const c = new Client({ url, apiKey: 'k1', timeout: 20_000, ...options });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    url = await server.listen();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server.requests = 0;
  });
  afterAll(() => server.close());

  endlessReplyCases(server, (maxReplyBytes) => client(maxReplyBytes === undefined ? {} : { maxReplyBytes }).info());

  it('a Content-Length over the cap rejects before any body byte is read', async () => {
    server.plan = { size: 1, contentLength: 10 * 1024 * MiB };
    const error = await rejectionOf(client().info());
    expect(error).toBeInstanceOf(CentReplyTooLargeError);
    expect(error).toMatchObject({ declared: 10 * 1024 * MiB, received: 0, limit: DEFAULT_MAX_REPLY_BYTES });
    expect((error as Error).message).toMatch(/\/api\/info is larger than maxReplyBytes \(67108864\)/);
    await waitFor(() => server.socketClosed);
  });

  it.each([
    ['Content-Length', true],
    ['chunked', false],
  ])(
    '%s: an envelope of exactly the cap is read and the socket kept, one byte more is not',
    async (_label, declare) => {
      const body = JSON.stringify({ result: { nodes: [] } });
      const size = Buffer.byteLength(body);
      server.plan = declare ? { size, body, contentLength: size } : { size, body };
      await expect(client({ maxReplyBytes: size }).info()).resolves.toEqual({ nodes: [] });
      expect(server.socketClosed).toBe(false);
      const error = await rejectionOf(client({ maxReplyBytes: size - 1 }).info());
      expect(error).toMatchObject({ name: 'CentReplyTooLargeError', limit: size - 1 });
      await waitFor(() => server.socketClosed);
    },
  );

  it('a write with retries on is not re-sent: the server did run it', async () => {
    server.plan = { size: 4 * MiB };
    const error = await rejectionOf(
      client({ maxReplyBytes: MiB, retry: { attempts: 3, minDelay: 1, maxDelay: 2 } }).publish({
        channel: 'a',
        data: {},
      }),
    );
    expect(error).toMatchObject({ name: 'CentReplyTooLargeError', attempts: 1 });
    expect((error as Error).message).toMatch(/the server did run the request/);
    expect(server.requests).toBe(1);
  });

  it('a batch over the cap rejects whole with the same error', async () => {
    server.plan = { size: Infinity };
    const error = await rejectionOf(
      client({ maxReplyBytes: MiB }).batch().publish({ channel: 'a', data: 1 }).history({ channel: 'a' }).send(),
    );
    expect(error).toBeInstanceOf(CentReplyTooLargeError);
    expect(error).toMatchObject({ limit: MiB, attempts: 1 });
    await waitFor(() => server.socketClosed);
    expect(server.sent).toBeLessThan(32 * MiB);
  });
});
