/** `CallOptions.onReply`: each HTTP reply of a call, byte for byte with its status, before the client reads it. */
import { describe, expect, it } from 'vitest';
import { CentHttpError, CentMalformedReplyError, CentTransportError, CentUsageError } from '../src/index.js';
import { closedPort, rejectionOf } from './support/net.js';
import { setupServer } from './support/server-setup.js';

interface Seen {
  body: Buffer;
  status: number;
}

/** A hook that records what it is given. */
function recorder(): { seen: Seen[]; onReply: (body: Buffer, status: number) => void } {
  const seen: Seen[] = [];
  return { seen, onReply: (body, status) => void seen.push({ body, status }) };
}

describe('onReply', () => {
  const { server, client } = setupServer();

  it('gets the body exactly as sent and the status, and the call resolves as usual', async () => {
    // 0xff is not UTF-8: a decoded and re-encoded body would differ.
    const bytes = Buffer.concat([
      Buffer.from('[{"method":"publish","error":null,"body":null,"x":"'),
      Buffer.from([0xff]),
      Buffer.from('"}]\n'),
    ]);
    server.script({ body: bytes });
    const { seen, onReply } = recorder();
    await expect(client().publish({ channel: 'a', data: 1 }, { onReply })).resolves.toBeNull();
    expect(seen).toHaveLength(1);
    expect(Buffer.isBuffer(seen[0]?.body)).toBe(true);
    expect(seen[0]?.body.equals(bytes)).toBe(true);
    expect(seen[0]?.status).toBe(200);
  });

  it("sees each chunk's reply of a split batch, in order", async () => {
    const { seen, onReply } = recorder();
    const batch = client({ maxBatchSize: 2 })
      .batch()
      .publish({ channel: 'a', data: 1 })
      .stats()
      .history({ channel: 'h' })
      .stats()
      .publish({ channel: 'b', data: 2 });
    const entries = await batch.send({ onReply });
    expect(entries.map((e) => e.ok)).toEqual([true, true, true, true, true]);
    expect(seen.map((s) => s.status)).toEqual([200, 200, 200]);
    expect(seen.map((s) => (JSON.parse(s.body.toString()) as { method: string }[]).map((r) => r.method))).toEqual([
      ['publish', 'stats'],
      ['history', 'stats'],
      ['publish'],
    ]);
  });

  it("works for cent's buffer: send(options)", async () => {
    const { seen, onReply } = recorder();
    const c = client();
    c.add('stats', {}).add('history', { channel: 'h' });
    await c.send({ onReply });
    expect(seen).toHaveLength(1);
    expect((JSON.parse(seen[0]?.body.toString() ?? '') as unknown[]).length).toBe(2);
  });

  it("sees a non-2xx reply whole (the error's body is cut to 512 characters)", async () => {
    const long = `${'x'.repeat(2000)}\n`;
    server.script({ status: 500, body: long });
    const { seen, onReply } = recorder();
    const error = await rejectionOf(client().stats({ onReply }));
    expect(error).toBeInstanceOf(CentHttpError);
    expect((error as CentHttpError).body.length).toBeLessThan(long.length);
    expect(seen).toEqual([{ body: Buffer.from(long), status: 500 }]);
  });

  it('sees a malformed 2xx body before the call rejects with CentMalformedReplyError', async () => {
    for (const text of ['not json', '{"method":"stats"}', '[]']) {
      server.script({ body: text });
      const order: string[] = [];
      const error = await client()
        .stats({ onReply: (body) => void order.push(`hook ${body.toString()}`) })
        .catch((e: unknown) => {
          order.push('rejected');
          return e;
        });
      expect(error).toBeInstanceOf(CentMalformedReplyError);
      expect(order).toEqual([`hook ${text}`, 'rejected']);
    }
  });

  it("sees every attempt's reply when a call is retried", async () => {
    server.script({ status: 503, body: 'busy' });
    const { seen, onReply } = recorder();
    await client({ retry: { attempts: 2, minDelay: 1, maxDelay: 1 } }).stats({ onReply });
    expect(seen.map((s) => [s.status, s.body.toString().slice(0, 4)])).toEqual([
      [503, 'busy'],
      [200, '[{"m'],
    ]);
  });

  it('is not called when no reply came', async () => {
    const { seen, onReply } = recorder();
    const error = await rejectionOf(client({ address: `http://127.0.0.1:${await closedPort()}` }).stats({ onReply }));
    expect(error).toBeInstanceOf(CentTransportError);
    expect(seen).toEqual([]);
  });

  it('rejects the call with the error it throws', async () => {
    const thrown = new Error('hook failed');
    await expect(
      client().stats({
        onReply: () => {
          throw thrown;
        },
      }),
    ).rejects.toBe(thrown);
  });

  it('cannot change what the client reads by writing into the buffer', async () => {
    await expect(client().history({ channel: 'h' }, { onReply: (body) => void body.fill(0x20) })).resolves.toEqual({
      channel: 'h',
      data: [],
    });
  });

  it('must be a function', async () => {
    const error = await rejectionOf(client().stats({ onReply: 'log' as never }));
    expect(error).toBeInstanceOf(CentUsageError);
    expect(server.requests).toEqual([]);
  });
});
