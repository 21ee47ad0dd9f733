/**
 * The v6 mock never crashes on bad input, never grows its memory without bound, and never loses
 * a recorded command: a few thousand malformed requests (random bytes, mutated method bodies,
 * deep nesting, invalid UTF-8, oversized and chunked bodies, pipelines and odd methods on raw
 * sockets, broken batches and legacy streams, odd paths and keys, control API calls with typos
 * and bad values, fake clients added and subscribed), bounded in count and time, interleaved
 * with valid publishes that must all be answered and recorded, and with floods of distinct
 * channels and idempotency keys (the engine's caps). The mock runs in a process of its own, so
 * its memory can be measured.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingConfig } from '../../../../test/support/centrifugo-v6.js';
import { prng } from '../support/prng.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

const SEED = 0x6091;
const MAX_REQUESTS = 3000;
const TIME_BUDGET_MS = 20_000;
const CONCURRENCY = 16;
const MiB = 1 << 20;
const KEY: [string, string] = ['X-API-Key', 'k1'];

const pkg = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess;
let url = '';
let start = { rss: 0, held: 0 };
const answers: ((m: Record<string, number>) => void)[] = [];
const ask = (what: string) =>
  new Promise<Record<string, number>>((resolve) => (answers.push(resolve), child.send(what)));

beforeAll(async () => {
  execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
  const options = {
    config: recordingConfig,
    maxJsonBodyBytes: MiB,
    maxBodyBytesInFlight: 16 * MiB,
    timeouts: { headersMs: 2000, requestMs: 5000 },
  };
  child = fork(join(pkg, 'test/support/memory-child.js'), [JSON.stringify(options), 'v6'], {
    execArgv: ['--expose-gc'],
    stdio: 'inherit',
  });
  child.on('message', (m) => answers.shift()?.(m as Record<string, number>));
  const ready = await new Promise<Record<string, number>>((resolve) => answers.push(resolve));
  url = `http://127.0.0.1:${ready['port'] as number}`;
  start = { rss: ready['rss'] as number, held: ready['held'] as number };
}, 120_000);
afterAll(async () => {
  closeAgents();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await exited;
});

describe('v6 fuzz', () => {
  it(
    'survives malformed traffic, loses no valid command, and keeps its memory bounded',
    { timeout: 90_000 },
    async () => {
      const rand = prng(SEED);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
      const methods = [
        'publish',
        'broadcast',
        'history',
        'presence',
        'channels',
        'info',
        'batch',
        'map_publish',
        'map_read_state',
        'subscribe',
        'disconnect',
        'refresh',
      ];
      const valid: Record<string, string> = {
        publish: '{"channel":"hist:x","data":{"a":[1,2,{"b":"<&>"}]},"tags":{"t":"1"},"idempotency_key":"k"}',
        broadcast: '{"channels":["news","hist:y"],"data":1}',
        history: '{"channel":"hist:x","limit":-1,"since":{"offset":1,"epoch":"xxxxxxxx"}}',
        batch:
          '{"commands":[{"publish":{"channel":"news","data":1}},{"history":{"channel":"hist:x","limit":2}},null,{}],"parallel":true}',
        map_publish: '{"channel":"map:m","key":"a","data":{"v":1},"key_mode":"if_new"}',
        subscribe:
          '{"channel":"pres:r","user":"u","override":{"presence":{"value":true}},"recover_since":{"offset":1}}',
      };
      const body = (m: string) => valid[m] ?? '{"channel":"pres:r"}';
      const mutate = (s: string) => {
        const b = Buffer.from(s);
        for (let i = 0, k = 1 + Math.floor(rand() * 4); i < k; i += 1)
          b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
        return rand() < 0.3 ? b.subarray(0, Math.floor(rand() * b.length)) : b;
      };
      const controlPaths = [
        '/_mock/',
        '/_mock/clients',
        '/_mock/commands',
        '/_mock/commands/wait',
        '/_mock/faults',
        '/_mock/violations',
        '/_mock/history',
        '/_mock/clients/c1/channels',
        '/_mock/clients/c%2541/channels',
        '/_mock/clients/c1/channels/pres:r',
        '/_mock/faults/abc',
        '/_mock/nope',
      ];
      const controlQueries = [
        '',
        '?method=publish',
        '?outcome=bogus',
        '?chanel=x',
        '?since=abc',
        '?timeout=5&method=none',
        '?channel=hist:x',
        '?%zz=1',
      ];
      const controlBodies = [
        '',
        '{}',
        '[]',
        'not json',
        '{"user":"u","client":"c1","channels":["pres:r"]}',
        '{"user":1}',
        '[{"user":"a","client":"d"},{"user":"b","client":"d"}]',
        '{"channel":"nope:x"}',
        '{"channel":"pres:r"}',
        '{"type":"soft-error","error":"teapot"}',
        '{"type":"latency","ms":1,"times":1,"method":"channels"}',
        '{"type":"status","status":500,"method":"pubish"}',
        '{"user":"u","info":{"deep":' + '['.repeat(200) + ']'.repeat(200) + '}}',
      ];
      type Req = { method: string; path: string; headers: [string, string][]; body: Buffer };
      const kinds: (() => Req)[] = [
        () => ({
          method: pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD']),
          path: pick([
            '/api/publish',
            '/api',
            '/',
            '/api/x',
            '/_mock/nope',
            '/%zz',
            '/api/../api/info',
            '//api/info',
            '/health',
          ]),
          headers: [KEY, ['Content-Type', pick(['application/json', 'text/plain'])]] as [string, string][],
          body: bytes(Math.floor(rand() * 600)),
        }),
        () => {
          const m = pick(methods);
          return { method: 'POST', path: `/api/${m}`, headers: [KEY], body: mutate(body(m)) };
        },
        () => ({
          method: 'POST',
          path: `/api/${pick(methods)}`,
          headers: [KEY],
          body: Buffer.from(
            pick(['[', '{"data":', '{"label_filter":{"nodes":[']).repeat(2_000 + Math.floor(rand() * 3_000)),
          ),
        }),
        () => ({
          method: 'POST',
          path: '/api/publish',
          headers: [KEY],
          body: Buffer.concat([Buffer.from('{"channel":"hist:u\xff","data":"'), bytes(40), Buffer.from('"}')]),
        }),
        () => ({
          method: 'POST',
          path: '/api',
          headers: [KEY],
          body: Buffer.concat([
            mutate('{"method":"publish","params":{"channel":"hist:x","data":1}}\n{"method":8}'),
            Buffer.from(pick(['', '\nxx', ' 5', '{"method":"foo"}'])),
          ]),
        }),
        () => ({ method: 'POST', path: '/api/batch', headers: [KEY], body: mutate(body('batch')) }),
        () => ({
          method: 'POST',
          path: `/api/${pick(methods)}`,
          headers: [
            pick<[string, string]>([
              ['X-API-Key', 'nope'],
              ['Authorization', 'apikey  k1'],
              ['Authorization', 'Bearer x'],
              KEY,
            ]),
          ],
          body: Buffer.from('{}'),
        }),
        () => ({
          method: pick(['GET', 'POST', 'DELETE']),
          path: pick(controlPaths) + pick(controlQueries),
          headers: [['Content-Type', 'application/json']] as [string, string][],
          body: Buffer.from(pick(controlBodies)),
        }),
      ];
      const rawKinds = [
        () => {
          const d = rand() < 0.5 ? Buffer.from(body('publish')) : mutate(body('publish'));
          let chunked = '';
          for (let at = 0; at < d.length;) {
            const n = 1 + Math.floor(rand() * 40);
            chunked += `${n.toString(16)}\r\n${d.subarray(at, at + n).toString('latin1')}\r\n`;
            at += n;
          }
          if (rand() < 0.2) chunked = chunked.slice(0, Math.floor(rand() * chunked.length));
          return Buffer.from(
            `${pick(['POST', 'FOO'])} /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: k1\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}0\r\n\r\n`,
            'latin1',
          );
        },
        () => {
          const requests = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => {
            const d = rand() < 0.5 ? Buffer.from(body('history')) : mutate(body('history'));
            return `${pick(['POST', 'post', 'FOO', 'PUT'])} /api/history HTTP/1.1\r\nHost: x\r\nX-API-Key: k1\r\nContent-Length: ${d.length}\r\n\r\n${d.toString('latin1')}`;
          });
          return Buffer.from(requests.join(''), 'latin1');
        },
        () =>
          rand() < 0.5
            ? bytes(300)
            : Buffer.from('POST /api/publish HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"ch'),
      ];
      let sent = 0;
      let validSent = 0;
      const statuses = new Map<number, number>();
      const started = performance.now();
      const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const worker = async () => {
        while (sent < MAX_REQUESTS && performance.now() - started < TIME_BUDGET_MS) {
          const n = sent++;
          if (n % 10 === 0) {
            validSent += 1;
            const res = await rawRequest(url, 'POST', '/api/publish', [KEY], `{"channel":"fuzz","data":{"i":${n}}}`);
            expect(res.status).toBe(200);
            continue;
          }
          if (n % 13 === 2) {
            // Floods of distinct channels and idempotency keys: the engine's caps hold them (20 a time:
            // the recorder keeps the newest 10,000 commands, and the valid publishes must stay in it).
            const res = await rawRequest(
              url,
              'POST',
              '/api/batch',
              [KEY],
              JSON.stringify({
                commands: Array.from({ length: 20 }, (_, i) => ({
                  publish: { channel: `hist:f${n}-${i}`, data: 'x'.repeat(500), idempotency_key: `k${n}-${i}` },
                })),
              }),
            );
            count(res.status);
            continue;
          }
          if (n % 97 === 3) {
            const big = Buffer.alloc((2 + Math.floor(rand() * 10)) * MiB, 0x5b);
            const res = await rawRequest(url, 'POST', '/api/publish', [KEY], big.toString('latin1')).catch(
              () => undefined,
            );
            if (res !== undefined) count(res.status);
            continue;
          }
          if (n % 7 === 1) {
            await rawSocket(url, pick(rawKinds)());
            continue;
          }
          const k = pick(kinds)();
          const res = await rawRequest(url, k.method, k.path, k.headers, k.body.toString('latin1')).catch(
            () => undefined,
          );
          if (res !== undefined) count(res.status);
          if (res !== undefined && res.status === 500 && k.path.startsWith('/_mock'))
            throw new Error(`500 from the control API: ${res.body.toString()}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsed = performance.now() - started;
      const { peak } = await ask('peak');
      const after = await ask('gc');
      const mib = (x: number) => Math.round(x / MiB);
      console.log(
        `v6 fuzz: ${sent} requests (${validSent} valid publishes) in ${Math.round(elapsed)} ms, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `RSS ${mib(start.rss)} → peak ${mib(peak as number)} MiB, JS heap + external ${mib(start.held)} → ${mib(after['held'] as number)} MiB after a collection`,
      );
      expect(sent).toBeGreaterThanOrEqual(1000);
      const recorded = await rawRequest(url, 'GET', '/_mock/commands?method=publish&channel=fuzz&outcome=ok', [], '');
      const commands = (JSON.parse(recorded.body.toString()) as { commands: { params: { data: { i: number } } }[] })
        .commands;
      expect(commands).toHaveLength(validSent);
      expect(new Set(commands.map((c) => c.params.data.i)).size).toBe(validSent);
      const info = await rawRequest(url, 'POST', '/api/info', [KEY], '{}');
      expect(info.status).toBe(200);
      expect((peak as number) - start.rss, 'peak RSS growth').toBeLessThan(256 * MiB);
      expect((after['held'] as number) - start.held, 'JS heap + external held after a collection').toBeLessThan(
        96 * MiB,
      );
    },
  );
});

/** Writes bytes on a raw socket, reads what comes for a moment, and goes away (a vanishing client). */
function rawSocket(base: string, payload: Buffer): Promise<void> {
  const port = Number(new URL(base).port);
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
