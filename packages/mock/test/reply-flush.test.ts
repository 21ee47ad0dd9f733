/**
 * API replies go out at once while one connection is getting them, and are queued and sent
 * together at the end of the event-loop turn with more (src/http/reply-flush.ts, one per
 * server): each still reaches its own request, in order, fake timers in the app's test do not
 * hold them back, and a response that is gone or broken spoils no other.
 */
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { ReplyFlush, type Reply } from '../src/http/reply-flush.js';
import { apiSign, startMockCentrifugo } from '../src/index.js';
import { rawRequest } from './support/http.js';

const SECRET = 'flush-secret';

function signed(port: number, commands: unknown): Promise<{ status: number; body: string }> {
  const data = JSON.stringify(commands);
  return rawRequest({
    port,
    method: 'POST',
    path: '/api/',
    headers: { 'Content-Type': 'application/json', 'X-API-Sign': apiSign(SECRET, data) },
    body: data,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('queued API replies over HTTP', () => {
  it('each of many concurrent requests gets its own reply', async () => {
    const mock = await startMockCentrifugo({ secret: SECRET });
    try {
      const port = Number(new URL(mock.url).port);
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          signed(port, { method: 'publish', uid: `u${i}`, params: { channel: `c${i}`, data: { i } } }),
        ),
      );
      replies.forEach((r, i) => {
        expect(r.status).toBe(200);
        expect(JSON.parse(r.body)).toEqual([{ uid: `u${i}`, method: 'publish', error: null, body: null }]);
      });
      expect(mock.commands().map((c) => c.params)).toHaveLength(40);
    } finally {
      await mock.close();
    }
  });

  it('pipelined requests on one connection are answered in order', async () => {
    const mock = await startMockCentrifugo({ secret: SECRET });
    try {
      const port = Number(new URL(mock.url).port);
      // Ten requests in one write: the mock reads them in one turn and queues ten replies.
      const raw = Array.from({ length: 10 }, (_, i) => {
        const data = JSON.stringify({ method: 'publish', uid: `p${i}`, params: { channel: 'pipe', data: i } });
        return `POST /api/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Sign: ${apiSign(SECRET, data)}\r\nContent-Length: ${data.length}\r\n\r\n${data}`;
      }).join('');
      const text = await new Promise<string>((resolve, reject) => {
        let got = '';
        const socket = connect(port, '127.0.0.1', () => socket.write(raw));
        socket.on('data', (d: Buffer) => {
          got += d.toString();
          if ((got.match(/HTTP\/1\.1 200/g) ?? []).length === 10 && got.endsWith(']')) socket.end();
        });
        socket.on('close', () => resolve(got));
        socket.on('error', reject);
      });
      expect([...text.matchAll(/"uid":"(p\d+)"/g)].map((m) => m[1])).toEqual(
        Array.from({ length: 10 }, (_, i) => `p${i}`),
      );
      expect(mock.commands().map((c) => c.params)).toEqual(
        Array.from({ length: 10 }, (_, i) => ({ channel: 'pipe', data: i })),
      );
    } finally {
      await mock.close();
    }
  });

  it('still answers while the test has fake timers (setImmediate included)', async () => {
    const mock = await startMockCentrifugo({ secret: SECRET });
    try {
      const port = Number(new URL(mock.url).port);
      vi.useFakeTimers({ toFake: ['setImmediate', 'setTimeout', 'setInterval'] });
      const reply = await signed(port, { method: 'publish', params: { channel: 'faked', data: 1 } });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual([{ method: 'publish', error: null, body: null }]);
    } finally {
      vi.useRealTimers();
      await mock.close();
    }
  });
});

describe('ReplyFlush', () => {
  /** A stand-in for ServerResponse that records what was written to it, on `socket`. */
  function response(socket: EventEmitter, state: { destroyed?: boolean; throws?: boolean } = {}) {
    const log: string[] = [];
    const res = {
      socket,
      destroyed: state.destroyed ?? false,
      writableEnded: false,
      writeHead(status: number) {
        if (state.throws === true) throw new Error('headers already sent');
        log.push(`head ${status}`);
        return res;
      },
      end(body: Buffer) {
        log.push(`end ${body.toString()}`);
        res.writableEnded = true;
        return res;
      },
      destroy(err?: Error) {
        log.push(`destroy ${err?.message ?? ''}`);
        res.destroyed = true;
        return res;
      },
    };
    return { res: res as unknown as ServerResponse, log };
  }
  const reply = (text: string): Reply => ({
    body: Buffer.from(text),
    headers: { 'Content-Type': 'application/json', 'Content-Length': text.length },
  });
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  /** A flush whose replies have gone to `n` connections already (each counts until it closes). */
  function warmed(n: number): { flush: ReplyFlush; sockets: EventEmitter[] } {
    const flush = new ReplyFlush();
    const sockets = Array.from({ length: n }, () => new EventEmitter());
    for (const s of sockets) flush.queue(response(s).res, reply('warm'));
    return { flush, sockets };
  }

  it('with one connection getting replies, sends each at once (17 §3)', () => {
    const { flush, sockets } = warmed(1);
    const a = response(sockets[0] as EventEmitter);
    flush.queue(a.res, reply('a'));
    expect(a.log).toEqual(['head 200', 'end a']);
  });

  it('with more, sends nothing during the turn, everything after it, skipping responses already gone', async () => {
    const { flush, sockets } = warmed(2);
    await turn();
    const [s1, s2] = sockets as [EventEmitter, EventEmitter];
    const a = response(s1);
    const gone = response(s2, { destroyed: true });
    const b = response(s2);
    flush.queue(a.res, reply('a'));
    flush.queue(gone.res, reply('gone'));
    flush.queue(b.res, reply('b'));
    expect(a.log).toEqual([]);
    await turn();
    expect(a.log).toEqual(['head 200', 'end a']);
    expect(gone.log).toEqual([]);
    expect(b.log).toEqual(['head 200', 'end b']);
    s2.emit('close');
    const c = response(s1);
    flush.queue(c.res, reply('c'));
    expect(c.log, 'at once again once the other connection is gone').toEqual(['head 200', 'end c']);
  });

  it("is one per server: another server's connections do not make it batch", () => {
    warmed(3);
    const { flush, sockets } = warmed(1);
    const a = response(sockets[0] as EventEmitter);
    flush.queue(a.res, reply('a'));
    expect(a.log).toEqual(['head 200', 'end a']);
  });

  it('destroys a response that throws and still sends the ones after it', async () => {
    const { flush, sockets } = warmed(2);
    await turn();
    const broken = response(sockets[0] as EventEmitter, { throws: true });
    const after = response(sockets[1] as EventEmitter);
    flush.queue(broken.res, reply('x'));
    flush.queue(after.res, reply('after'));
    await turn();
    expect(broken.log).toEqual(['destroy headers already sent']);
    expect(after.log).toEqual(['head 200', 'end after']);
  });
});
