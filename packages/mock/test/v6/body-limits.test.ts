/**
 * The v6 mock's request bodies are bounded in total, as the 1.x mock's are (body-limits.test.ts):
 * a body that would take the bytes held at once over `maxBodyBytesInFlight` is answered 503 with
 * `Retry-After: 1` before a byte of it is read (the real server has no such limit, so the answer
 * is the mock's own), a chunked one once it grows over, and the budget is given back when a
 * request ends. Then 16 concurrent 40 MiB bodies in a mock of its own process: memory bounded,
 * and nothing keeps a body once its request is answered.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCentrifugoV6, type MockCentrifugoV6 } from '../../src/v6/index.js';
import { startMemoryChild } from '../support/memory-child-process.js';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const MiB = 1 << 20;
const CONFIG = { http_api: { key: 'k1' } };

/** A raw connection: what it was sent, what came back, and whether it is closed. */
function open(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let answer = '';
  let closed = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((w) => w());
  socket.on('data', (d: Buffer) => ((answer += d.toString('latin1')), wake()));
  socket.on('close', () => ((closed = true), wake()));
  socket.on('error', () => undefined);
  return {
    socket,
    received: () => answer,
    write: (data: string | Buffer) => new Promise<void>((resolve) => socket.write(data, () => resolve())),
    /** Resolves with what came back once `pattern` matches it (or the connection closed). */
    until: (pattern: RegExp) =>
      new Promise<string>((resolve) => {
        const check = () => (pattern.test(answer) || closed ? resolve(answer) : waiting.push(check));
        check();
      }),
  };
}

const head = (length: number | 'chunked') =>
  `POST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: k1\r\n${length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;
/** A valid publish padded with spaces to `length` bytes. */
const publish = (length: number) => Buffer.from('{"channel":"news","data":{"n":1}}'.padEnd(length, ' '));

describe('v6: bytes in flight, all requests together', () => {
  let mock: MockCentrifugoV6;
  beforeAll(async () => {
    mock = await startMockCentrifugoV6({ config: CONFIG, maxJsonBodyBytes: 32 * MiB, maxBodyBytesInFlight: 32 * MiB });
  });
  afterAll(() => mock.close());

  it('a body that does not fit beside one in flight: 503 + Retry-After before it is read; the budget comes back', async () => {
    const body = publish(24 * MiB);
    const held = open(mock.port);
    await held.write(head(body.length));
    await held.write(body.subarray(0, MiB)); // 24 MiB taken from the budget, 1 MiB of it sent

    const refused = open(mock.port);
    await refused.write(head(body.length)); // not one byte of its body
    const answer = await refused.until(/\r\n\r\n[^]*\n$/);
    expect(answer).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(answer).toContain('\r\nRetry-After: 1\r\n');
    expect(answer).toContain('\r\nConnection: close\r\n');
    expect(answer.endsWith('\r\n\r\nService Unavailable\n')).toBe(true);

    const small = open(mock.port);
    await small.write(Buffer.concat([Buffer.from(head(1024)), publish(1024)]));
    expect(await small.until(/\{"result":\{\}\}$/)).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\{"result":\{\}\}$/);

    const chunked = open(mock.port);
    await chunked.write(head('chunked'));
    // 1 MiB chunks, at most 16, until the mock answers (8 MiB are left in the budget).
    for (let i = 0; i < 16 && chunked.received() === ''; i++)
      await chunked.write(
        Buffer.concat([Buffer.from(`${MiB.toString(16)}\r\n`), Buffer.alloc(MiB, 0x20), Buffer.from('\r\n')]),
      );
    const chunkedAnswer = await chunked.until(/\r\n\r\n[^]*\n$/);
    expect(chunkedAnswer, 'a chunked body growing over the budget').toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(chunkedAnswer).toContain('\r\nRetry-After: 1\r\n');

    await held.write(body.subarray(MiB));
    expect(await held.until(/\{"result":\{\}\}$/)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const again = open(mock.port);
    await again.write(Buffer.concat([Buffer.from(head(body.length)), body]));
    expect(await again.until(/\{"result":\{\}\}$/), 'the same body once the first is done').toMatch(
      /^HTTP\/1\.1 200 OK\r\n/,
    );
    for (const c of [held, refused, small, chunked, again]) c.socket.destroy();
    expect((await mock.commands({ method: 'publish' })).length).toBe(3);
  });
});

/** POSTs `body` with the API key; resolves with the status (or the error code). */
function post(port: number, body: Buffer): Promise<number | string> {
  return new Promise((resolve) => {
    const headers = { 'X-API-Key': 'k1', 'Content-Length': body.length };
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/publish', headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    req.end(body);
  });
}

describe('v6: memory under concurrent large bodies', () => {
  beforeAll(() => {
    // The child runs the built package.
    execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], {
      stdio: 'inherit',
    });
  }, 120_000);

  it(
    '16 concurrent 40 MiB bodies: each answered 400 or 503, memory bounded by the budget',
    { timeout: 120_000 },
    async () => {
      const budget = 48 * MiB;
      const c = await startMemoryChild(
        { config: CONFIG, maxJsonBodyBytes: 48 * MiB, maxBodyBytesInFlight: budget },
        'v6',
      );
      try {
        // Bodies that do not decode (400): a recorded command keeps its params text, on purpose.
        const body = Buffer.from('{'.padEnd(40 * MiB, ' ') + 'x');
        const statuses = await Promise.all(Array.from({ length: 16 }, () => post(c.port, body)));
        const { peak } = await c.ask<{ peak: number }>('peak');
        const after = await c.ask<{ rss: number; held: number }>('gc');
        const mib = (n: number) => Math.round(n / MiB);
        console.log(
          `v6 memory: RSS ${mib(c.rss)} MiB at start, peak ${mib(peak)} MiB (16 × 40 MiB), ${mib(after.rss)} MiB after a collection; budget ${mib(budget)} MiB; ` +
            `${statuses.filter((s) => s === 400).length} answered 400, ${statuses.filter((s) => s === 503).length} 503`,
        );
        expect(new Set(statuses), 'every request is answered 400 (read) or 503 (over the budget)').toEqual(
          new Set([400, 503]),
        );
        expect(peak - c.rss, 'RSS growth under 16 × 40 MiB').toBeLessThan(3 * budget);
        expect(after.held - c.held, 'heap and external bytes once the garbage is collected').toBeLessThan(8 * MiB);
      } finally {
        await c.ask('stop').catch(() => undefined);
      }
    },
  );
});
