// Issue (mock): signed publish throughput under autocannon (32 connections) vs a bare node:http
// server answering a fixed reply; RSS after 10,000 channels × 10 history messages; time from
// process start to first answer.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fmt, median, table } from './lib/measure.js';
import { startChild, startMock } from './lib/processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-secret';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const data = JSON.stringify([{ method: 'publish', params: { channel: 'bench', data: { text: 'hello' } } }]);
const body = `sign=${createHmac('sha256', SECRET).update(data).digest('hex')}&data=${encodeURIComponent(data)}`;

function load(url) {
  return new Promise((resolve, reject) => {
    autocannon({
      url: `${url}/api/`,
      connections: 32,
      duration: SECONDS,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function run() {
  const rows = [['autocannon, 32 connections, signed publish', 'req/s (mean)', 'p99 ms', 'non-2xx']];
  const bare = await startChild([path.join(root, 'bench/lib/bare-server.js')]);
  let bareResult;
  try {
    bareResult = await load(bare.url);
  } finally {
    await bare.stop();
  }
  const mock = await startMock({ secret: SECRET });
  let mockResult;
  try {
    mockResult = await load(mock.url);
  } finally {
    await mock.stop();
  }
  rows.push(['bare node:http, fixed reply (baseline)', fmt(bareResult.requests.average), fmt(bareResult.latency.p99), bareResult.non2xx]);
  rows.push(['@centkit/mock', fmt(mockResult.requests.average), fmt(mockResult.latency.p99), mockResult.non2xx]);
  table(rows);
  console.log(`  → mock / bare = ${fmt(mockResult.requests.average / bareResult.requests.average, 2)}× (goal ≥ 0.8×; the real Centrifugo 1.8 does ~27,000 req/s here)`);

  const memory = JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(root, 'bench/lib/mock-memory.js')], { cwd: root, encoding: 'utf8' }));
  table([
    ['memory', 'RSS MiB'],
    ['mock started, empty', fmt(memory.before, 1)],
    ['after 10,000 channels × 10 history messages', fmt(memory.after, 1)],
  ]);

  const starts = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const child = await startMock({ secret: SECRET });
    const res = await fetch(`${child.url}/api/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    await res.text();
    if (res.status !== 200) throw new Error(`first answer was ${res.status}`);
    starts.push(performance.now() - started);
    await child.stop();
  }
  const bareStarts = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const child = await startChild([path.join(root, 'bench/lib/bare-server.js')]);
    await (await fetch(child.url)).text();
    bareStarts.push(performance.now() - started);
    await child.stop();
  }
  table([
    ['process start → first answer (median of 5)', 'ms'],
    ['bare node:http server (baseline)', fmt(median(bareStarts))],
    ['centkit-mock (goal < 150 ms)', fmt(median(starts))],
  ]);
}
