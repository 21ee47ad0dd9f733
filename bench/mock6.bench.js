// Issue 14 (mock v6): the v6 mock's publish throughput under autocannon against the real
// Centrifugo v6.9.1 (memory engine, the same config: http_api.key), side by side in alternating
// rounds; time from process start to first answer; RSS after 10,000 channels × 10 history messages.
//
// As in the mock section: every server started once, then short rounds taking turns (the order
// rotating each round), figures as medians; with taskset the load generator runs on CPU 0 and the
// servers on CPU 1. BENCH_ROUNDS and BENCH_SECONDS change the rounds and their length;
// BENCH_MOCK_BUILDS adds saved builds of the mock as rows (lib/mock-builds.js).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, table } from './lib/measure.js';
import { startChild, startMockV6 as startMockV6With, withLoadPinned } from './lib/processes.js';
import { alternatingRounds, ratio, throughputTable } from './lib/alternating-rounds.js';
import { CENTRIFUGO_VERSION, startV6, V6_PUBLISH, v6Unavailable } from './lib/centrifugo-v6.js';
import { compareBuild, mockBuilds } from './lib/mock-builds.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const STARTS = 9;
const CONNECTIONS = [1, 32];
const bareServer = path.join(root, 'bench/lib/bare-server.js');
/** The config both servers get (the real one's harness adds its listen address, /health and usage stats off). */
const CONFIG = { http_api: { key: V6_PUBLISH.headers['x-api-key'] } };

/** `centkit-mock --protocol v6` (or the build at `options.bin`) in its own process on a free port, with CONFIG as its config file. */
const startMockV6 = (options = {}) => startMockV6With(CONFIG, options);

async function throughput() {
  const servers = [
    { role: 'mock', name: '@centkit/mock --protocol v6', start: () => startMockV6({ cpu: 1 }) },
    ...mockBuilds().map(({ name, bin: entry }) => ({
      role: 'build',
      name: `@centkit/mock --protocol v6, build ${name}`,
      start: () => startMockV6({ cpu: 1, bin: entry }),
    })),
    {
      role: 'real',
      name: `the real Centrifugo v${CENTRIFUGO_VERSION} (memory engine)`,
      start: () => startV6({ cpu: 1 }),
    },
  ];
  const running = await alternatingRounds(servers, {
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    request: V6_PUBLISH,
    // Both must take the request: a 401 or 400 would make the figures meaningless.
    check: async (r) => {
      const res = await fetch(`${r.server.url}${V6_PUBLISH.path}`, {
        method: 'POST',
        headers: V6_PUBLISH.headers,
        body: V6_PUBLISH.body,
      });
      const text = await res.text();
      if (res.status !== 200 || !text.startsWith('{"result"'))
        throw new Error(`${r.name}: publish answered ${res.status} ${text}`);
    },
  });
  throughputTable(
    `autocannon, POST /api/publish (JSON, X-API-Key); median of ${ROUNDS} × ${SECONDS} s`,
    running,
    CONNECTIONS,
  );
  const [mock, real] = ['mock', 'real'].map((role) => running.find((r) => r.role === role));
  for (const c of CONNECTIONS) {
    console.log(
      `  → c=${c}: mock v6 / real v${CENTRIFUGO_VERSION} = ${ratio(mock, real, c)}${c === 32 ? '; goal ≥ 1.0×' : ''}`,
    );
    for (const b of running.filter((r) => r.role === 'build')) console.log(`  → c=${c}: ${compareBuild(b, mock, c)}`);
  }
}

/** Starts a server and sends it the publish; resolves once the answer is read. */
async function firstAnswer(start) {
  const child = await start();
  const res = await fetch(`${child.url}${V6_PUBLISH.path}`, {
    method: 'POST',
    headers: V6_PUBLISH.headers,
    body: V6_PUBLISH.body,
  });
  await res.text();
  if (res.status !== 200) throw new Error(`first answer was ${res.status}`);
  return child;
}

async function startTimes() {
  // In a clean environment (PATH only), as the mock and cli sections do.
  const options = { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, inheritEnv: false };
  const rows = [
    { name: 'bare node:http server (baseline)', start: () => startChild([bareServer], options), times: [] },
    { name: 'centkit-mock --protocol v6 (goal < 150 ms)', start: () => startMockV6(options), times: [] },
    // Its harness waits for /health before the publish: start → health → first answer.
    { name: `the real Centrifugo v${CENTRIFUGO_VERSION} (reference)`, start: () => startV6(), times: [] },
  ];
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
    [`process start → first answer (median of ${STARTS}, taking turns; PATH only)`, 'ms', 'min'],
    ...rows.map((r) => [r.name, fmt(median(r.times)), fmt(Math.min(...r.times))]),
  ]);
  const [bare, mock] = rows.map((r) => median(r.times));
  console.log(`  → centkit-mock --protocol v6: ${fmt(mock)} ms, ${fmt(mock - bare)} ms over the bare server`);
}

export async function run() {
  const why = v6Unavailable();
  if (why !== undefined) {
    console.log(`  (skipped: ${why})`);
    return;
  }
  await withLoadPinned(throughput);
  const memory = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', path.join(root, 'bench/lib/mock6-memory.js')], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  table([
    ['memory (v6 mock, in process)', 'RSS MiB'],
    ['mock started, empty', fmt(memory.before, 1)],
    ['after 10,000 channels × 10 history messages (POST /api/batch, 1,000 a request)', fmt(memory.after, 1)],
  ]);
  await startTimes();
}
