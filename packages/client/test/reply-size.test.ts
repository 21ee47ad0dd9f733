/**
 * `maxReplyBytes` (issue 16 §2): a reply over the cap, told by its Content-Length or by counting
 * the streamed body, rejects with `CentReplyTooLargeError`; the connection is destroyed and
 * nothing past the cap is kept, so memory stays bounded whatever the server sends.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CentReplyTooLargeError, DEFAULT_MAX_REPLY_BYTES } from '../src/index.js';
import type { ClientOptions } from '../src/index.js';
import { rejectionOf, waitFor } from './support/net.js';
import { endlessReplyCases } from './support/endless-reply-cases.js';
import { TestClient } from './support/test-client.js';
import { peakGrowth, StreamingServer } from '../../../test/support/streaming-server.js';

const MiB = 1024 * 1024;

describe('maxReplyBytes', () => {
  const server = new StreamingServer();
  let address = '';
  const clients: TestClient[] = [];
  const client = (options: Partial<ClientOptions> = {}): TestClient => {
    const c = new TestClient({ address, secret: 'secret', timeout: 20_000, ...options });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    address = await server.listen();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server.requests = 0;
  });
  afterAll(() => server.close());

  it('defaults to 64 MiB', () => {
    expect(DEFAULT_MAX_REPLY_BYTES).toBe(64 * MiB);
  });

  endlessReplyCases(server, (maxReplyBytes) => client(maxReplyBytes === undefined ? {} : { maxReplyBytes }).stats());

  it('the measure sees buffering: without a cap a 96 MiB body is held whole', async () => {
    server.plan = { size: 96 * MiB };
    const growth = await peakGrowth(() => rejectionOf(client({ maxReplyBytes: Infinity }).stats()));
    expect(growth).toBeGreaterThan(96 * MiB);
    expect(server.sent).toBe(96 * MiB);
  });

  it('a Content-Length over the cap rejects before any body byte is read', async () => {
    server.plan = { size: 1, contentLength: 10 * 1024 * MiB };
    const error = await rejectionOf(client().stats());
    expect(error).toMatchObject({
      name: 'CentReplyTooLargeError',
      declared: 10 * 1024 * MiB,
      received: 0,
      limit: DEFAULT_MAX_REPLY_BYTES,
    });
    expect((error as Error).message).toMatch(
      /larger than maxReplyBytes \(67108864\): its Content-Length is 10737418240/,
    );
    await waitFor(() => server.closed);
  });

  it.each([
    ['Content-Length', true],
    ['chunked', false],
  ])('%s: a reply of exactly the cap is read, one byte more is not', async (_label, declare) => {
    const body = JSON.stringify([
      { method: 'stats', error: null, body: { data: { nodes: [], metrics_interval: 60 } } },
    ]);
    const size = Buffer.byteLength(body);
    server.plan = declare ? { size, body, contentLength: size } : { size, body };
    await expect(client({ maxReplyBytes: size }).stats()).resolves.toEqual({
      data: { nodes: [], metrics_interval: 60 },
    });
    const error = await rejectionOf(client({ maxReplyBytes: size - 1 }).stats());
    expect(error).toBeInstanceOf(CentReplyTooLargeError);
  });

  it('is never retried, even for a read, and onReply does not see it', async () => {
    server.plan = { size: 4 * MiB };
    const seen: number[] = [];
    const error = await rejectionOf(
      client({ maxReplyBytes: MiB, retry: { attempts: 3, minDelay: 1, maxDelay: 2 } }).history(
        { channel: 'a' },
        { onReply: (_body, status) => seen.push(status) },
      ),
    );
    expect(error).toMatchObject({ name: 'CentReplyTooLargeError', attempts: 1 });
    expect(server.requests).toBe(1);
    expect(seen).toEqual([]);
  });

  it('must be a positive integer or Infinity', () => {
    expect(() => client({ maxReplyBytes: 0 })).toThrow(/maxReplyBytes must be a positive integer or Infinity/);
    expect(() => client({ maxReplyBytes: 1.5 })).toThrow(/maxReplyBytes/);
  });
});
