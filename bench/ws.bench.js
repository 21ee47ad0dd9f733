// Issue 15 targets: 1,000 websocket clients subscribed to one channel, one API publish every
// 10 ms for 5 s; delivery latency (API call sent → push read by a client) p50 and p99, and the
// server's memory per connection (RSS growth from 0 to 1,000 subscribed connections / 1,000),
// the v6 mock and the real Centrifugo v6.9.1 side by side, in alternating rounds (figures are
// medians over the rounds). The clients are raw `ws` sockets speaking the client protocol as the
// SDK does (connect + subscribe in one frame, `{}` answered to pings): 1,000 SDK instances in
// the load generator's one process would measure the SDK more than the server. The load
// generator runs on CPU 0 and each server on CPU 1 where taskset works.
// BENCH_ROUNDS (default 5) and BENCH_WS_CLIENTS (default 1000) change the rounds and clients.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { startCentrifugoProcess } from '../scripts/centrifugo-process.js';
import { CENTRIFUGO_VERSION, v6Unavailable } from './lib/centrifugo-v6.js';
import { fmt, median, table } from './lib/measure.js';
import { pinThisProcess, startMockV6 } from './lib/processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 1000);
const PUBLISH_EVERY_MS = 10;
const PUBLISH_SECONDS = 5;
const PUBLISHES = (PUBLISH_SECONDS * 1000) / PUBLISH_EVERY_MS;
const KEY = 'bench-key';
const SECRET = 'bench-token-secret';
const CHANNEL = 'bench';
const CONFIG = {
  http_api: { key: KEY },
  client: { token: { hmac_secret_key: SECRET } },
  channel: { without_namespace: { allow_subscribe_for_client: true } },
};

const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const SERVERS = [
  { name: 'centkit-mock --protocol v6', start: () => startMockV6(CONFIG, { cpu: 1 }) },
  ...(v6Unavailable() === undefined
    ? [
        {
          name: `the real Centrifugo v${CENTRIFUGO_VERSION}`,
          start: async () => startCentrifugoProcess(CONFIG, await freePort(), { cpu: 1 }),
        },
      ]
    : []),
];

/** Opens `n` clients (in batches), each connected and subscribed; resolves when all are. */
async function connectAll(wsUrl, token, n, onPush) {
  const clients = [];
  for (let start = 0; start < n; start += 100) {
    const batch = Array.from(
      { length: Math.min(100, n - start) },
      () =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
          let ready = false;
          ws.on('error', reject);
          ws.on('open', () =>
            ws.send(
              `{"connect":{"token":"${token}","name":"js"},"id":1}\n{"subscribe":{"channel":"${CHANNEL}","flag":1},"id":2}`,
            ),
          );
          ws.on('message', (data) => {
            const now = performance.now();
            for (const line of data.toString().split('\n')) {
              if (line === '{}') ws.send('{}');
              else if (line.startsWith('{"push"')) onPush(now, line);
              else if (!ready && line.startsWith('{"id":2,"subscribe"')) {
                ready = true;
                resolve(ws);
              } else if (line.includes('"error"')) reject(new Error(`subscribe failed: ${line}`));
            }
          });
        }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/** One round on one server: latencies of every delivery, memory per connection. */
async function round(server) {
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/connection/websocket`;
  const token = await new SignJWT({ sub: 'bench' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
  const latencies = new Float64Array(CLIENTS * PUBLISHES);
  let delivered = 0;
  const onPush = (now, line) => {
    const at = line.indexOf('"t":');
    if (at >= 0 && delivered < latencies.length) latencies[delivered++] = now - Number.parseFloat(line.slice(at + 4));
  };
  const rssBefore = rssKiB(server.child.pid);
  const clients = await connectAll(wsUrl, token, CLIENTS, onPush);
  await sleep(200);
  const rssAfter = rssKiB(server.child.pid);
  let failed = 0;
  const inFlight = new Set();
  const start = performance.now();
  for (let i = 0; i < PUBLISHES; i++) {
    const due = start + i * PUBLISH_EVERY_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const body = `{"channel":"${CHANNEL}","data":{"i":${i},"t":${performance.now()}}}`;
    const p = fetch(`${server.url}/api/publish`, { method: 'POST', headers: { 'X-API-Key': KEY }, body })
      .then(async (r) => {
        if (r.status !== 200 || (await r.text()).includes('"error"')) failed++;
      })
      .catch(() => failed++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 64) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const deadline = performance.now() + 10_000;
  while (delivered < CLIENTS * PUBLISHES && performance.now() < deadline) await sleep(20);
  for (const ws of clients) ws.terminate();
  await sleep(300);
  const sorted = latencies.subarray(0, delivered).sort();
  const at = (q) => (delivered === 0 ? NaN : sorted[Math.min(delivered - 1, Math.floor(q * delivered))]);
  return {
    p50: at(0.5),
    p99: at(0.99),
    delivered,
    failed,
    kibPerConnection: (rssAfter - rssBefore) / CLIENTS,
    rssMiB: rssAfter / 1024,
  };
}

export async function run() {
  const pinned = pinThisProcess('0');
  console.log(
    `${CLIENTS} ws clients on one channel, a publish every ${PUBLISH_EVERY_MS} ms for ${PUBLISH_SECONDS} s (${PUBLISHES} publishes, ${fmt(CLIENTS * PUBLISHES)} deliveries), ${ROUNDS} alternating rounds${pinned ? ', load generator on CPU 0, servers on CPU 1' : ''}`,
  );
  if (SERVERS.length < 2) console.log(`  (no side-by-side figure: ${v6Unavailable()})`);
  const results = SERVERS.map((s) => ({ ...s, rounds: [] }));
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < results.length; j++) {
      const r = results[(i + j) % results.length];
      const server = await r.start();
      try {
        r.rounds.push(await round(server));
      } finally {
        await server.stop();
      }
    }
  }
  const m = (r, k) => median(r.rounds.map((x) => x[k]));
  table([
    ['server', 'latency p50 ms', 'p99 ms', 'delivered', 'failed publishes', 'KiB per connection', 'RSS MiB at 1,000'],
    ...results.map((r) => [
      r.name,
      fmt(m(r, 'p50'), 2),
      fmt(m(r, 'p99'), 2),
      `${fmt(m(r, 'delivered'))}/${fmt(CLIENTS * PUBLISHES)}`,
      fmt(m(r, 'failed')),
      fmt(m(r, 'kibPerConnection'), 1),
      fmt(m(r, 'rssMiB'), 1),
    ]),
  ]);
  if (results.length === 2) {
    const [mock, real] = results;
    console.log(
      `  mock vs real: p50 ${fmt(m(real, 'p50') / m(mock, 'p50'), 2)}×, p99 ${fmt(m(real, 'p99') / m(mock, 'p99'), 2)}× as fast (goal ≥ 1.0×); memory per connection ${fmt(m(mock, 'kibPerConnection') / m(real, 'kibPerConnection'), 2)}× the real server's`,
    );
  }
}
