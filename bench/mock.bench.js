// Issue (mock): signed publish throughput under autocannon (1 and 32 connections) vs a bare node:http
// server answering a fixed reply; RSS after 10,000 channels × 10 history messages; recorded-
// command queries with 1,000,000 kept; time from process start to first answer.
//
// Throughput on a 2-core VM is noisy (a neighbour's burst moves a 5-second figure by 20%), so
// the servers run side by side: all started once, then short rounds that take turns (the order
// rotating each round), figures as medians over the rounds. Where taskset works the load
// generator runs on CPU 0 and every server on CPU 1, so neither is moved about or shares a core.
// BENCH_ROUNDS and BENCH_SECONDS change the rounds and their length; BENCH_MOCK_BUILDS adds
// saved builds of the mock as rows (lib/mock-builds.js), to measure a change to its hot path;
// CENTKIT_CENTRIFUGO_1 names a real Centrifugo 1.8.0 binary to measure beside it (lib/centrifugo-1.js).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, table } from './lib/measure.js';
import { startChild, startMock, withLoadPinned } from './lib/processes.js';
import { alternatingRounds, ratio, throughputTable } from './lib/alternating-rounds.js';
import { compareBuild, mockBuilds } from './lib/mock-builds.js';
import { CENTRIFUGO_VERSION, startV6, V6_PUBLISH, v6Unavailable } from './lib/centrifugo-v6.js';
import { centrifugo1Unavailable, startCentrifugo1 } from './lib/centrifugo-1.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-secret';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const STARTS = 9;
const bareServer = path.join(root, 'bench/lib/bare-server.js');

const data = JSON.stringify([{ method: 'publish', params: { channel: 'bench', data: { text: 'hello' } } }]);
const body = `sign=${createHmac('sha256', SECRET).update(data).digest('hex')}&data=${encodeURIComponent(data)}`;

/** Connection counts measured: one (latency-bound) and 32 (throughput-bound). */
const CONNECTIONS = [1, 32];

const FORM_PUBLISH = { path: '/api/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };

const SERVERS = [
  { role: 'bare', name: 'bare node:http, fixed reply (baseline)', start: () => startChild([bareServer], { cpu: 1 }) },
  {
    role: 'flushed',
    name: 'bare node:http, replies sent at end of turn (reference)',
    start: () => startChild([bareServer, '--flush'], { cpu: 1 }),
  },
  { role: 'mock', name: '@centkit/mock', start: () => startMock({ secret: SECRET }, { cpu: 1 }) },
  ...mockBuilds().map(({ name, bin }) => ({
    role: 'build',
    name: `@centkit/mock, build ${name}`,
    start: () => startMock({ secret: SECRET }, { cpu: 1, bin }),
  })),
  // Issue #17 §3: the real Centrifugo 1.8.0, the server the 1.x mock fakes, where a binary is named.
  ...(centrifugo1Unavailable() === undefined
    ? [
        {
          role: 'real1',
          name: 'the real Centrifugo 1.8.0 (baseline)',
          start: () => startCentrifugo1({ secret: SECRET }, { cpu: 1 }),
        },
      ]
    : []),
  // Issue #17 §4: the real server as a reference, where it is installed; its v6 API takes the same publish as JSON.
  ...(v6Unavailable() === undefined
    ? [
        {
          role: 'real',
          name: `the real Centrifugo v${CENTRIFUGO_VERSION}, v6 publish (reference)`,
          start: () => startV6({ cpu: 1 }),
          request: V6_PUBLISH,
        },
      ]
    : []),
];

async function throughput() {
  const running = await alternatingRounds(SERVERS, {
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    request: FORM_PUBLISH,
  });
  throughputTable(`autocannon, signed publish; median of ${ROUNDS} × ${SECONDS} s`, running, CONNECTIONS);
  const [bare, flushed, mock, real, real1] = ['bare', 'flushed', 'mock', 'real', 'real1'].map((role) =>
    running.find((r) => r.role === role),
  );
  for (const c of CONNECTIONS) {
    if (real1 !== undefined)
      console.log(`  → c=${c}: mock / real Centrifugo 1.8.0 = ${ratio(mock, real1, c)}; target ≥ 1.0×`);
    const versusReal =
      real === undefined
        ? ''
        : `; mock / real Centrifugo v${CENTRIFUGO_VERSION} = ${ratio(mock, real, c)} (a 1.x publish against v6's JSON API: a reference, not the same protocol)`;
    console.log(
      `  → c=${c}: mock / bare = ${ratio(mock, bare, c)}${c === 32 ? ' (target ≥ 0.8×)' : ''}, mock / bare sending at end of turn = ${ratio(mock, flushed, c)}${versusReal}`,
    );
    for (const b of running.filter((r) => r.role === 'build')) console.log(`  → c=${c}: ${compareBuild(b, mock, c)}`);
  }
  if (v6Unavailable() !== undefined) console.log(`  (no real Centrifugo row: ${v6Unavailable()})`);
  if (centrifugo1Unavailable() !== undefined)
    console.log(`  (no real Centrifugo 1.8.0 row: ${centrifugo1Unavailable()})`);
}

// Start-up is timed in a clean environment (PATH only), as the cli section does: variables such
// as NODE_EXTRA_CA_CERTS (set on this workplace's machines) make every node process read a
// certificate file first, which says nothing about the mock. When such a variable is set, both
// servers are also started with this process's environment, so its cost shows on the baseline too.
const NODE_VARS = Object.keys(process.env).filter((k) => k.startsWith('NODE_'));
const ENVIRONMENTS = [
  { label: 'PATH only', options: { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, inheritEnv: false } },
  ...(NODE_VARS.length > 0 ? [{ label: `with this environment's ${NODE_VARS.join(', ')}`, options: {} }] : []),
];

/** Starts a server and sends it the signed publish; resolves once the answer is read. */
async function firstAnswer(start) {
  const child = await start();
  const res = await fetch(`${child.url}/api/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  await res.text();
  if (res.status !== 200) throw new Error(`first answer was ${res.status}`);
  return child;
}

async function startTimes() {
  // Two rows per environment, the mock's read against a baseline started the same way.
  const pairs = ENVIRONMENTS.map(({ label, options }) => ({
    label,
    bare: {
      label,
      name: 'bare node:http server (baseline)',
      start: () => startChild([bareServer], options),
      times: [],
    },
    mock: {
      label,
      name: 'centkit-mock (goal < 150 ms)',
      start: () => startMock({ secret: SECRET }, options),
      times: [],
    },
  }));
  const rows = pairs.flatMap((p) => [p.bare, p.mock]);
  await (await firstAnswer(rows[1].start)).stop(); // warm the file cache
  for (let i = 0; i < STARTS; i++) {
    for (let j = 0; j < rows.length; j++) {
      const row = rows[(i + j) % rows.length];
      const started = performance.now();
      const child = await firstAnswer(row.start);
      row.times.push(performance.now() - started);
      await child.stop();
    }
  }
  table([
    [`process start → first answer (median of ${STARTS}, taking turns)`, 'environment', 'ms', 'min'],
    ...rows.map((r) => [r.name, r.label, fmt(median(r.times)), fmt(Math.min(...r.times))]),
  ]);
  for (const { label, bare, mock } of pairs) {
    const [b, m] = [median(bare.times), median(mock.times)];
    console.log(`  → centkit-mock, ${label}: ${fmt(m)} ms, ${fmt(m - b)} ms over the bare server`);
  }
}

export async function run() {
  await withLoadPinned(throughput);
  const memory = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', path.join(root, 'bench/lib/mock-memory.js')], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  table([
    ['memory', 'RSS MiB'],
    ['mock started, empty', fmt(memory.before, 1)],
    ['after 10,000 channels × 10 history messages', fmt(memory.after, 1)],
  ]);
  const queries = JSON.parse(
    execFileSync(process.execPath, [path.join(root, 'bench/lib/recorder-queries.js')], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  );
  table([
    [
      'recorded-command query, 1,000,000 kept (median of 7)',
      'returned',
      'ms',
      'every record an object, then tested (baseline) ms',
    ],
    ...Object.entries(queries).map(([name, q]) => [name, q.returned, fmt(q.fast, 2), fmt(q.plain, 1)]),
  ]);
  await startTimes();
}
