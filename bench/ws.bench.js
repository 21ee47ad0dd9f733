// Issue 15 targets: 1,000 connected SDK clients on one channel, one API publish every 10 ms for
// 5 s; delivery latency (API call sent → the SDK's `publication` event) p50 and p99, the server's
// memory per connection (RSS growth from 0 to 1,000 subscribed connections / 1,000) and the CPU
// time it spent while publishing: the v6 mock and the real Centrifugo v6.9.1 side by side, in
// alternating rounds (figures are medians over the rounds). The clients are the real `centrifuge`
// SDK (Centrifuge + newSubscription, `ws` as the websocket) in a load-generator process of their
// own (lib/sdk-clients.js, on CPU 0 with this one), each server on CPU 1 where taskset works. The
// SDK's own cost (1,000 clients decoding every push in one process) is in both servers' figures.
// BENCH_ROUNDS (default 5) and BENCH_WS_CLIENTS (default 1000) change the rounds and clients.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { startCentrifugoProcess } from '../scripts/centrifugo-process.js';
import { CENTRIFUGO_VERSION, v6Unavailable } from './lib/centrifugo-v6.js';
import { fmt, median, table } from './lib/measure.js';
import { cpuSeconds, pinThisProcess, startMockV6 } from './lib/processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
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

/** Forks the load generator (lib/sdk-clients.js) and resolves with its next message; rejects if it exits first. */
function loadGenerator() {
  const child = fork(path.join(here, 'lib/sdk-clients.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const next = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      void exited.then((code) => reject(new Error(`the SDK clients' process exited (${code})`)));
    });
  return { child, exited, next };
}

/** One round on one server: latencies of every delivery, memory per connection. */
async function round(server) {
  const token = await new SignJWT({ sub: 'bench' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
  const gen = loadGenerator();
  try {
    const rssBefore = rssKiB(server.child.pid);
    const connected = gen.next();
    gen.child.send({
      wsUrl: `${server.url.replace(/^http/, 'ws')}/connection/websocket`,
      apiUrl: `${server.url}/api`,
      key: KEY,
      token,
      channel: CHANNEL,
      clients: CLIENTS,
      publishes: PUBLISHES,
      everyMs: PUBLISH_EVERY_MS,
    });
    await connected;
    await sleep(200);
    const rssAfter = rssKiB(server.child.pid);
    const done = gen.next();
    const cpuBefore = cpuSeconds(server.child.pid);
    gen.child.send('go');
    const { p50, p99, delivered, failed } = await done;
    const cpu = (cpuSeconds(server.child.pid) ?? NaN) - (cpuBefore ?? NaN);
    return {
      p50,
      p99,
      delivered,
      failed,
      cpu,
      kibPerConnection: (rssAfter - rssBefore) / CLIENTS,
      rssMiB: rssAfter / 1024,
    };
  } finally {
    if (gen.child.exitCode === null) gen.child.kill();
    await gen.exited;
  }
}

export async function run() {
  const pinned = pinThisProcess('0');
  console.log(
    `${CLIENTS} centrifuge SDK clients on one channel, a publish every ${PUBLISH_EVERY_MS} ms for ${PUBLISH_SECONDS} s (${PUBLISHES} publishes, ${fmt(CLIENTS * PUBLISHES)} deliveries), ${ROUNDS} alternating rounds${pinned ? ', load generator on CPU 0, servers on CPU 1' : ''}`,
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
    [
      'server',
      'latency p50 ms',
      'p99 ms',
      'delivered',
      'failed publishes',
      'server CPU s',
      'KiB per connection',
      `RSS MiB at ${fmt(CLIENTS)}`,
    ],
    ...results.map((r) => [
      r.name,
      fmt(m(r, 'p50'), 2),
      fmt(m(r, 'p99'), 2),
      `${fmt(m(r, 'delivered'))}/${fmt(CLIENTS * PUBLISHES)}`,
      fmt(m(r, 'failed')),
      fmt(m(r, 'cpu'), 2),
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
