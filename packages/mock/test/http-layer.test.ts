/**
 * Connections Node's parser refuses but Go's server reads (16 §10: methods such as FOO and post,
 * raw bytes >= 0x80 in the target) are served by the mock's own HTTP/1.1 reader
 * (src/http/js-http1.ts): kept alive, pipelined, timed out and closed like the others. The
 * answers themselves are compared with Go's in go-edges.test.ts.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCentrifugo, type MockCentrifugo } from '../src/index.js';

let mock: MockCentrifugo;
beforeAll(async () => {
  mock = await startMockCentrifugo({
    secret: 's',
    config: { namespaces: [{ name: 'public', history_size: 5, history_lifetime: 60 }] },
    timeouts: { keepAliveMs: 300, headersMs: 500 },
  });
});
afterAll(() => mock.close());

/** Writes `parts` one after another on one connection; resolves with all it read until `count` answers (or the close). */
function converse(parts: readonly string[], count: number, gapMs = 0): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(mock.port, '127.0.0.1');
    let text = '';
    let closed = false;
    const done = () => {
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if ((text.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= count && /\r\n\r\n[^]*$/.test(text)) setTimeout(done, 50);
    });
    socket.on('end', () => {
      closed = true;
      done();
    });
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const p of parts) {
        socket.write(p);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

const query = (data: string) => `data=${encodeURIComponent(data)}&sign=${mock.sign(data)}`;
const foo = (data: string, extra = '') => `FOO /api/?${query(data)} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;

describe("the mock's own HTTP/1.1 reader", () => {
  it('answers pipelined requests in order on one connection', async () => {
    const a = '{"method":"publish","uid":"a","params":{"channel":"public:p","data":1}}';
    const b = '{"method":"publish","uid":"b","params":{"channel":"public:p","data":2}}';
    const { text } = await converse([foo(a) + foo(b) + `post /api/?${query('[]')} HTTP/1.1\r\nHost: x\r\n\r\n`], 3);
    expect([...text.matchAll(/"uid":"(\w)"/g)].map((m) => m[1])).toEqual(['a', 'b']);
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(text.endsWith('[]')).toBe(true);
  });
  it('keeps the connection between requests, and closes it when idle', async () => {
    const { text, closed } = await converse([foo('[]'), foo('[]')], 3, 100);
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(closed, 'closed after keepAliveMs of idleness').toBe(true);
  });
  it('reads a body it was not asked for before the next request', async () => {
    const body = 'x'.repeat(1000);
    const { text } = await converse(
      [`FOO /api/ HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}${foo('[]')}`],
      2,
    );
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request[^]*HTTP\/1\.1 200 OK/);
  });
  it('closes a connection that sends only part of a head', async () => {
    const { closed } = await converse(['FOO /api/ HTTP/1.1\r\nHost'], 1);
    expect(closed).toBe(true);
  });
  it('closing the mock closes its connections, idle or not', async () => {
    const other = await startMockCentrifugo({ secret: 's' });
    const sockets = await Promise.all(
      [
        'FOO /api/ HTTP/1.1\r\nHost: x\r\n\r\n',
        'FOO /api/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n',
        'GE',
      ].map(
        (head) =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const s = connect(other.port, '127.0.0.1', () => {
              s.write(head);
              setTimeout(() => resolve(s), 50);
            });
            s.on('error', () => undefined);
            s.resume(); // read, so the close is seen
          }),
      ),
    );
    const closedAll = Promise.all(sockets.map((s) => new Promise((r) => s.once('close', r))));
    await other.close();
    await closedAll;
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });
});
