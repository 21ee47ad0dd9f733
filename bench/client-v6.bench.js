// Issue 13, Targets: the generated v6 client (@centkit/client/v6) against the real Centrifugo
// v6.9.1 — sequential publishes/s, 16 concurrent callers, commands/s in 100-command batches —
// each beside a minimal node:http keep-alive loop sending the same requests (target: ≥ 0.95×
// it), and in the same run the Python cent 5.x client (PyPI, in a venv in the cache folder) and
// cent.js 6.x (npm). Contenders take turns, round after round, and each figure is the median of
// its rounds (the ratio: the median of each round's ratio): the machine is shared, so neighbours'
// load falls on all of them alike. The client's own CPU per operation is printed too: it does not
// depend on how busy the server is. Then the core v6 client's size, minified and gzipped.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CentClient } from 'cent.js';
import { Client } from '@centkit/client/v6';
import { createV6BaselineClient } from './lib/baseline-client.js';
import { CENTRIFUGO_VERSION, startV6, V6_API_KEY, V6_PUBLISH, v6Unavailable } from './lib/centrifugo-v6.js';
import { fmt, median, table } from './lib/measure.js';
import { canPin, pinThisProcess } from './lib/processes.js';
import { PYTHON_CENT5_VERSION, pythonVenv } from './lib/python-cent.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PUBLISH = JSON.parse(V6_PUBLISH.body);
const BATCH = Array.from({ length: 100 }, (_, i) => ({ channel: `bench${i % 10}`, data: { n: i } }));
// The baseline loop serializes the params on every call, as the clients do.
const PUBLISH_REQUEST = { path: V6_PUBLISH.path, headers: V6_PUBLISH.headers, params: PUBLISH };
const BATCH_REQUEST = {
  path: '/api/batch',
  headers: V6_PUBLISH.headers,
  params: { commands: BATCH.map((p) => ({ publish: p })) },
};

/**
 * `workers` loops calling `once` for SECONDS (after a short warm-up): operations per second, and
 * this process's CPU time per operation in µs (the client's own cost, whatever the server's load).
 */
async function throughput(once, { workers = 1, opsPerCall = 1 } = {}) {
  const warmEnd = performance.now() + 200;
  while (performance.now() < warmEnd) await once();
  let calls = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end && calls < 5_000_000) {
        await once();
        calls++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    rate: (calls * opsPerCall * 1000) / (performance.now() - start),
    cpu: (used.user + used.system) / (calls * opsPerCall),
  };
}

/** The Python cent 5.x figure for `mode`, from its own process pinned beside this one. */
function python(venv, url, mode) {
  const args = [path.join(root, 'bench/lib/python-cent5-load.py'), url, V6_API_KEY, mode, String(SECONDS)];
  const [command, argv] = canPin() ? ['taskset', ['-c', '0', venv.python, ...args]] : [venv.python, args];
  const run = spawnSync(command, argv, { encoding: 'utf8', timeout: (SECONDS + 30) * 1000 });
  if (run.status !== 0) throw new Error(`python cent ${mode} failed: ${run.stderr}`);
  const { ops, seconds } = JSON.parse(run.stdout);
  return { rate: ops / seconds, cpu: undefined };
}

export async function run() {
  const why = v6Unavailable();
  if (why !== undefined) {
    console.log(`  (skipped: ${why})`);
    await reportSize();
    return;
  }
  const pinned = pinThisProcess('0');
  const server = await startV6({ cpu: pinned ? 1 : undefined });
  const venv = pythonVenv(PYTHON_CENT5_VERSION);
  const loop = createV6BaselineClient(server.url, PUBLISH_REQUEST);
  const batchLoop = createV6BaselineClient(server.url, BATCH_REQUEST);
  const client = new Client({ url: server.url, apiKey: V6_API_KEY });
  const centJs = new CentClient({ url: `${server.url}/api`, apiKey: V6_API_KEY });
  console.log(
    `  (${pinned ? 'load pinned to CPU 0, the server to CPU 1' : 'not pinned'}; ${ROUNDS} rounds × ${SECONDS} s, medians; Python cent ${PYTHON_CENT5_VERSION}: ${venv.why ?? 'installed'})`,
  );
  const scenarios = [
    {
      name: 'c=1 (sequential), publishes/s',
      baseline: () => throughput(() => loop.send()),
      centkit: () => throughput(() => client.publish(PUBLISH)),
      'cent.js': () => throughput(() => centJs.publish(PUBLISH)),
      python: () => python(venv, server.url, 'sequential'),
    },
    {
      name: 'c=16 concurrent callers, publishes/s',
      baseline: () => throughput(() => loop.send(), { workers: 16 }),
      centkit: () => throughput(() => client.publish(PUBLISH), { workers: 16 }),
      'cent.js': () => throughput(() => centJs.publish(PUBLISH), { workers: 16 }),
      python: () => python(venv, server.url, 'concurrent'),
    },
    {
      name: '100-command batches, commands/s',
      baseline: () => throughput(() => batchLoop.send(), { opsPerCall: 100 }),
      centkit: () =>
        throughput(
          () => {
            let batch = client.batch();
            for (const params of BATCH) batch = batch.publish(params);
            return batch.send();
          },
          { opsPerCall: 100 },
        ),
      // cent.js has no call of the batch method: its pipeline() posts to the legacy POST /api.
      'cent.js': () =>
        throughput(() => centJs.pipeline(BATCH.map((params) => ({ method: 'publish', params }))), { opsPerCall: 100 }),
      python: () => python(venv, server.url, 'batch'),
    },
  ];
  const contenders = ['baseline', 'centkit', 'cent.js', ...(venv.why === undefined ? ['python'] : [])];
  const python5 = venv.why === undefined ? [`Python cent ${PYTHON_CENT5_VERSION}`] : [];
  try {
    const rates = [
      [
        `against the real Centrifugo v${CENTRIFUGO_VERSION}`,
        'node:http loop',
        '@centkit/client/v6',
        'ratio',
        'cent.js 6.x',
        ...python5,
      ],
    ];
    const cpus = [
      ['client CPU per operation, µs (this process)', 'node:http loop', '@centkit/client/v6', 'cent.js 6.x'],
    ];
    for (const scenario of scenarios) {
      const runs = Object.fromEntries(contenders.map((c) => [c, []]));
      const ratios = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Each round starts with another contender, so none always runs first (or last).
        for (let i = 0; i < contenders.length; i++) {
          const contender = contenders[(round + i) % contenders.length];
          runs[contender].push(await scenario[contender]());
        }
        ratios.push(runs.centkit[round].rate / runs.baseline[round].rate);
      }
      const rate = (c) => median(runs[c].map((r) => r.rate));
      const cpu = (c) => fmt(median(runs[c].map((r) => r.cpu)), 1);
      // The ratio is the median of each round's ratio: the two ran seconds apart, under the same load.
      rates.push([
        scenario.name,
        fmt(rate('baseline')),
        fmt(rate('centkit')),
        `${fmt(median(ratios), 2)}×`,
        fmt(rate('cent.js')),
        ...(python5.length === 0 ? [] : [fmt(rate('python'))]),
      ]);
      cpus.push([scenario.name, cpu('baseline'), cpu('centkit'), cpu('cent.js')]);
    }
    table(rates);
    table(cpus);
  } finally {
    loop.close();
    batchLoop.close();
    await client.close();
    await server.stop();
    if (pinned) pinThisProcess(`0-${os.cpus().length - 1}`);
  }
  await reportSize();
}

async function reportSize() {
  const result = await build({
    entryPoints: [path.join(root, 'packages/client/dist/v6/index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['@centkit/validators'],
    treeShaking: true,
  });
  const code = result.outputFiles[0].contents;
  table([
    [
      'core v6 client (@centkit/client/v6, esbuild --minify, validators excluded: loaded on first validateReplies)',
      'bytes',
    ],
    ['minified', fmt(code.length)],
    ['minified + gzip', fmt(gzipSync(code, { level: 9 }).length)],
  ]);
}
