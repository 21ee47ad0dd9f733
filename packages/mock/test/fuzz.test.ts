/**
 * Bad input never crashes the mock nor grows its memory: a few thousand malformed requests
 * (random bytes, broken JSON, deep nesting, invalid UTF-8, oversized, chunked and pipelined
 * bodies, random multipart forms, odd methods and targets, control API calls with typos and bad
 * values, garbage on raw sockets, clients that vanish mid-request), bounded in count and time,
 * interleaved with valid publishes that must all be answered and recorded. The mock runs in a
 * process of its own, so its memory can be measured: peak RSS, and the bytes its JS engine holds
 * once the garbage is collected.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSign } from '../src/index.js';
import { multipartCorpus } from './go-oracle/multipart-corpus.js';
import { loadOracleConfig } from './support/golden.js';
import { rawRequest } from './support/http.js';
import { prng } from './support/prng.js';

const SEED = 0xc3a7;
const MAX_REQUESTS = 3000;
const TIME_BUDGET_MS = 20_000;
const CONCURRENCY = 16;
const MiB = 1 << 20;

const pkg = fileURLToPath(new URL('..', import.meta.url));
const config = loadOracleConfig();
const secret = config.secret ?? '';
const sign = (data: string | Buffer) => apiSign(secret, data);

let child: ChildProcess;
let port = 0;
let start = { rss: 0, held: 0 };
const answers: ((m: Record<string, number>) => void)[] = [];
const ask = (what: string) =>
  new Promise<Record<string, number>>((resolve) => (answers.push(resolve), child.send(what)));

beforeAll(async () => {
  execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
  const options = {
    config,
    maxJsonBodyBytes: MiB,
    maxBodyBytesInFlight: 16 * MiB,
    timeouts: { headersMs: 2000, requestMs: 5000 },
  };
  child = fork(join(pkg, 'test/support/memory-child.js'), [JSON.stringify(options)], {
    execArgv: ['--expose-gc'],
    stdio: 'inherit',
  });
  child.on('message', (m) => answers.shift()?.(m as Record<string, number>));
  const ready = await new Promise<Record<string, number>>((resolve) => answers.push(resolve));
  port = ready['port'] as number;
  start = { rss: ready['rss'] as number, held: ready['held'] as number };
}, 120_000);
afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await exited;
});

describe('fuzz', () => {
  it(
    'survives malformed traffic, loses no valid command, and keeps its memory bounded',
    { timeout: 90_000 },
    async () => {
      const rand = prng(SEED);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
      const valid =
        '[{"method":"publish","params":{"channel":"public:x","data":{"a":[1,2,{"b":"<&>"}]}}},{"method":"history","params":{"channel":"public:x"}}]';
      const mutate = (s: string) => {
        const b = Buffer.from(s);
        const k = 1 + Math.floor(rand() * 4);
        for (let i = 0; i < k; i += 1) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
        return rand() < 0.3 ? b.subarray(0, Math.floor(rand() * b.length)) : b;
      };
      const signed = (data: Buffer) => ({ 'Content-Type': 'application/json', 'X-API-Sign': sign(data) });
      const forms = multipartCorpus(SEED, 200);
      const controlPaths = [
        '/_mock/',
        '/_mock/clients',
        '/_mock/commands',
        '/_mock/commands/wait',
        '/_mock/faults',
        '/_mock/violations',
        '/_mock/history',
        '/_mock/clients/x%2541',
        '/_mock/faults/abc',
        '/_mock/nope',
      ];
      const controlQueries = [
        '',
        '?method=publish',
        '?outcome=bogus',
        '?chanel=x',
        '?since=abc',
        '?timeout=abc',
        '?timeout=5&method=none',
        '?channel=public:x',
        '?since=-1',
        '?method=a&method=b',
        '?%zz=1',
      ];
      const controlBodies = [
        undefined,
        '{}',
        '[]',
        'not json',
        '{"user":"u","chanels":[]}',
        '[{"user":"a"},{"user":"b","channels":["unknown:x"]}]',
        '{"type":"status","status":101}',
        '{"type":"status","status":500,"method":"pubish"}',
        '{"type":"latency","ms":1,"tiems":1}',
        '{"type":"bogus"}',
        '{"channels":["public:x"]}',
      ];
      const kinds = [
        () => ({
          method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']),
          path: pick(['/api/', '/api', '/', '/api/x', '/_mock/nope', '/%zz', '/api/../api/', '//api']),
          headers: {
            'Content-Type': pick([
              'application/json',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'text/plain',
              'application/JSON; x',
            ]),
          },
          body: bytes(Math.floor(rand() * 600)),
        }),
        () => {
          const d = mutate(valid);
          return { method: 'POST', path: '/api/', headers: signed(d), body: d };
        },
        () => {
          const d = Buffer.from('['.repeat(5_000 + Math.floor(rand() * 20_000)));
          return { method: 'POST', path: '/api/', headers: signed(d), body: d };
        },
        () => {
          const d = Buffer.concat([
            Buffer.from('{"method":"publish","params":{"channel":"public:u\xff","data":"'),
            bytes(40),
            Buffer.from('"}}'),
          ]);
          return { method: 'POST', path: '/api/', headers: signed(d), body: d };
        },
        () => {
          const d = mutate(valid);
          return {
            method: 'POST',
            path: '/api/',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: Buffer.concat([Buffer.from('data='), d, Buffer.from(`&sign=${sign(d)}`)]),
          };
        },
        () => ({
          method: 'POST',
          path: '/api/',
          headers: { 'Content-Type': 'application/json', 'X-API-Sign': 'f'.repeat(64) },
          body: Buffer.alloc(MiB + 10, 0x5b),
        }),
        () => {
          const f = pick(forms);
          return {
            method: 'POST',
            path: '/api/',
            headers: { 'Content-Type': f.contentType },
            body: Buffer.from(f.body, 'latin1'),
          };
        },
        () => {
          const path = pick(controlPaths);
          // Never a valid DELETE /_mock/commands: the valid publishes are counted from the records at the end.
          const method = path === '/_mock/commands' ? pick(['GET', 'POST']) : pick(['GET', 'POST', 'DELETE']);
          return {
            method,
            path: path + pick(controlQueries),
            headers: { 'Content-Type': 'application/json' },
            body: pick(controlBodies) ?? '',
          };
        },
      ];
      /** Raw-socket traffic Node's client cannot send: chunked bodies, pipelines, odd methods, garbage. */
      const rawKinds = [
        () => {
          const d = rand() < 0.5 ? Buffer.from(valid) : mutate(valid);
          let body = '';
          for (let at = 0; at < d.length;) {
            const n = 1 + Math.floor(rand() * 40);
            body += `${n.toString(16)}${rand() < 0.1 ? ';x=1' : ''}\r\n${d.subarray(at, at + n).toString('latin1')}\r\n`;
            at += n;
          }
          if (rand() < 0.2) body = body.slice(0, Math.floor(rand() * body.length));
          return Buffer.from(
            `${pick(['POST', 'FOO'])} /api/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Sign: ${sign(d)}\r\nTransfer-Encoding: chunked\r\n\r\n${body}0\r\n\r\n`,
            'latin1',
          );
        },
        () => {
          const requests = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => {
            const d = rand() < 0.5 ? Buffer.from(valid) : mutate(valid);
            return `${pick(['POST', 'post', 'FOO', 'PUT'])} /api/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Sign: ${sign(d)}\r\nContent-Length: ${d.length}\r\n\r\n${d.toString('latin1')}`;
          });
          return Buffer.from(requests.join(''), 'latin1');
        },
        () =>
          rand() < 0.5 ? bytes(300) : Buffer.from('POST /api/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"me'),
      ];
      let sent = 0;
      let validSent = 0;
      const statuses = new Map<number, number>();
      const started = performance.now();
      const worker = async () => {
        while (sent < MAX_REQUESTS && performance.now() - started < TIME_BUDGET_MS) {
          const n = sent++;
          if (n % 10 === 0) {
            const data = `{"method":"publish","params":{"channel":"public:fuzz","data":{"i":${n}}}}`;
            validSent += 1;
            const res = await rawRequest({
              port,
              method: 'POST',
              path: '/api/',
              headers: { 'Content-Type': 'application/json', 'X-API-Sign': sign(data) },
              body: data,
            });
            expect(res.status).toBe(200);
            continue;
          }
          if (n % 97 === 3) {
            // Now and then a body of several MiB (signed wrongly, sometimes chunked): the body budget at work.
            const big = Buffer.alloc((2 + Math.floor(rand() * 10)) * MiB, 0x5b);
            const res = await rawRequest({
              port,
              method: 'POST',
              path: '/api/',
              headers: {
                'Content-Type': pick(['application/json', 'application/x-www-form-urlencoded']),
                'X-API-Sign': 'f'.repeat(64),
              },
              body: big,
            }).catch(() => undefined);
            if (res !== undefined) statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            continue;
          }
          if (n % 7 === 1) {
            await rawSocket(port, pick(rawKinds)());
            continue;
          }
          const res = await rawRequest({ port, ...pick(kinds)() }).catch(() => undefined);
          if (res !== undefined) statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res !== undefined && res.status === 500) throw new Error(`500 from the mock: ${res.body}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsed = performance.now() - started;
      const { peak } = await ask('peak');
      const after = await ask('gc');
      const mib = (x: number) => Math.round(x / MiB);
      console.log(
        `fuzz: ${sent} requests (${validSent} valid publishes) in ${Math.round(elapsed)} ms, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `RSS ${mib(start.rss)} → peak ${mib(peak as number)} MiB, JS heap + external ${mib(start.held)} → ${mib(after['held'] as number)} MiB after a collection`,
      );
      expect(sent).toBeGreaterThanOrEqual(1000);
      const recorded = await rawRequest({
        port,
        method: 'GET',
        path: '/_mock/commands?method=publish&channel=public:fuzz&outcome=ok',
      });
      const commands = (JSON.parse(recorded.body) as { commands: { params: { data: { i: number } } }[] }).commands;
      expect(commands).toHaveLength(validSent);
      expect(new Set(commands.map((c) => c.params.data.i)).size).toBe(validSent);
      const check = '{"method":"history","params":{"channel":"public:fuzz"}}';
      const res = await rawRequest({
        port,
        method: 'POST',
        path: '/api/',
        headers: { 'Content-Type': 'application/json', 'X-API-Sign': sign(check) },
        body: check,
      });
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body) as [{ body: { data: unknown[] } }])[0].body.data).toHaveLength(10);
      // Bounded: the body budget (16 MiB) and the records kept (10,000) are all the mock holds.
      expect((peak as number) - start.rss, 'peak RSS growth').toBeLessThan(256 * MiB);
      expect((after['held'] as number) - start.held, 'JS heap + external held after a collection').toBeLessThan(
        64 * MiB,
      );
    },
  );
});

describe('slow clients', () => {
  it('a client that never finishes its headers is cut off by headersTimeout', { timeout: 10_000 }, async () => {
    const closed = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write('POST /api/ HTTP/1.1\r\nHost: x\r\n'));
      let reply = '';
      s.on('data', (d: Buffer) => (reply += d.toString()));
      s.on('close', () => resolve(reply));
      s.on('error', () => undefined);
    });
    expect(closed === '' || closed.startsWith('HTTP/1.1 408') || closed.startsWith('HTTP/1.1 400')).toBe(true);
  });
});

/** Writes bytes on a raw socket, reads what comes for a moment, and goes away (a vanishing client). */
function rawSocket(port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(payload, () => {
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 20);
      });
    });
    s.resume();
    s.on('error', () => resolve());
  });
}
