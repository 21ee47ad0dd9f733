/**
 * Bad input never crashes the mock: a few thousand malformed requests (random bytes, broken
 * JSON, deep nesting, invalid UTF-8, oversized bodies, garbage on raw sockets, clients that
 * vanish mid-request), bounded in count and time, interleaved with valid publishes that must
 * all be answered and recorded.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCentrifugo, type MockCentrifugo } from '../src/index.js';
import { loadOracleConfig } from './support/golden.js';
import { rawRequest } from './support/http.js';

const SEED = 0xc3a7;
const MAX_REQUESTS = 3000;
const TIME_BUDGET_MS = 20_000;
const CONCURRENCY = 16;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let mock: MockCentrifugo;
beforeAll(async () => {
  mock = await startMockCentrifugo({ config: loadOracleConfig(), maxJsonBodyBytes: 1 << 20, timeouts: { headersMs: 2000, requestMs: 5000 } });
});
afterAll(() => mock.close());

describe('fuzz', () => {
  it('survives malformed traffic and loses no valid command', { timeout: 60_000 }, async () => {
    const rand = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const valid = '[{"method":"publish","params":{"channel":"public:x","data":{"a":[1,2,{"b":"<&>"}]}}},{"method":"history","params":{"channel":"public:x"}}]';
    const mutate = (s: string) => {
      const b = Buffer.from(s);
      const k = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < k; i += 1) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return rand() < 0.3 ? b.subarray(0, Math.floor(rand() * b.length)) : b;
    };
    const signed = (data: Buffer) => ({ 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) });
    const kinds = [
      () => ({ method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: pick(['/api/', '/api', '/', '/api/x', '/_mock/nope', '/%zz', '/api/../api/']), headers: { 'Content-Type': pick(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/JSON; x']) }, body: bytes(Math.floor(rand() * 600)) }),
      () => { const d = mutate(valid); return { method: 'POST', path: '/api/', headers: signed(d), body: d }; },
      () => { const d = Buffer.from('['.repeat(50_000 + Math.floor(rand() * 100_000))); return { method: 'POST', path: '/api/', headers: signed(d), body: d }; },
      () => { const d = Buffer.concat([Buffer.from('{"method":"publish","params":{"channel":"public:u\xff","data":"'), bytes(40), Buffer.from('"}}')]); return { method: 'POST', path: '/api/', headers: signed(d), body: d }; },
      () => { const d = mutate(valid); return { method: 'POST', path: '/api/', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.concat([Buffer.from('data='), d, Buffer.from(`&sign=${mock.sign(d)}`)]) }; },
      () => ({ method: 'POST', path: '/api/', headers: { 'Content-Type': 'application/json', 'X-API-Sign': 'f'.repeat(64) }, body: Buffer.alloc((1 << 20) + 10, 0x5b) }),
    ];
    let sent = 0;
    let validSent = 0;
    const started = performance.now();
    const worker = async () => {
      while (sent < MAX_REQUESTS && performance.now() - started < TIME_BUDGET_MS) {
        const n = sent++;
        if (n % 10 === 0) {
          const data = `{"method":"publish","params":{"channel":"public:fuzz","data":{"i":${n}}}}`;
          validSent += 1;
          const res = await rawRequest({ port: mock.port, method: 'POST', path: '/api/', headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) }, body: data });
          expect(res.status).toBe(200);
          continue;
        }
        if (n % 97 === 1) {
          await rawSocket(mock.port, rand() < 0.5 ? bytes(300) : Buffer.from('POST /api/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"me'));
          continue;
        }
        const r = pick(kinds)();
        await rawRequest({ port: mock.port, ...r }).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = performance.now() - started;
    console.log(`fuzz: ${sent} requests (${validSent} valid publishes) in ${Math.round(elapsed)} ms, seed ${SEED}`);
    expect(sent).toBeGreaterThanOrEqual(1000);
    const recorded = mock.commands({ method: 'publish', channel: 'public:fuzz', outcome: 'ok' });
    expect(recorded).toHaveLength(validSent);
    expect(new Set(recorded.map((c) => (c.params as { data: { i: number } }).data.i)).size).toBe(validSent);
    const check = '{"method":"history","params":{"channel":"public:fuzz"}}';
    const res = await rawRequest({ port: mock.port, method: 'POST', path: '/api/', headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(check) }, body: check });
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as [{ body: { data: unknown[] } }])[0].body.data).toHaveLength(10);
  });
});

describe('slow clients', () => {
  it('a client that never finishes its headers is cut off by headersTimeout', { timeout: 10_000 }, async () => {
    const started = performance.now();
    const closed = await new Promise<string>((resolve) => {
      const s = connect(mock.port, '127.0.0.1', () => s.write('POST /api/ HTTP/1.1\r\nHost: x\r\n'));
      let reply = '';
      s.on('data', (d: Buffer) => (reply += d.toString()));
      s.on('close', () => resolve(reply));
      s.on('error', () => undefined);
    });
    expect(performance.now() - started).toBeLessThan(6000);
    expect(closed === '' || closed.startsWith('HTTP/1.1 408') || closed.startsWith('HTTP/1.1 400')).toBe(true);
  });
});

/** Writes bytes on a raw socket and goes away without waiting (a vanishing client). */
function rawSocket(port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(payload, () => {
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 5);
      });
    });
    s.on('error', () => resolve());
  });
}
