// Issue #5: whole-process wall time of one `cent publish` (the real bin, params checked, one
// signed request to a local @centkit/mock started here), beside `node -e 0` (process start-up).
// Goal: under 150 ms on this machine; Python cent 1.1.0 took ~350 ms (golden cli_cases `seconds`).
// Runs are spawned asynchronously: the mock lives in this process and must keep answering.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockCentrifugo } from '@centkit/mock';
import { fmt, median, table } from './lib/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cent = path.join(root, 'packages/cli/bin/cent.cjs');
const RUNS = 10;

function runOnce(args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

async function wallTime(args, env) {
  await runOnce(args, env); // warm the file cache
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await runOnce(args, env));
  return { median: median(times), min: Math.min(...times) };
}

export async function run() {
  const mock = await startMockCentrifugo({ secret: 'bench-secret' });
  const env = { PATH: process.env.PATH, HOME: '/nonexistent', CENT_ADDRESS: mock.url, CENT_SECRET: 'bench-secret' };
  const params = ['--params', '{"channel":"news","data":{"text":"hello"}}'];
  try {
    const rows = [
      ['node -e 0 (process start-up)', await wallTime(['-e', '0'], env)],
      ['cent --help', await wallTime([cent, '--help'], env)],
      ['cent publish (params checked, sent, reply printed)', await wallTime([cent, 'publish', ...params], env)],
      ['cent publish --no-validate (validators not loaded)', await wallTime([cent, 'publish', '--no-validate', ...params], env)],
    ];
    table([[`wall time, median of ${RUNS} (min)`, 'ms'], ...rows.map(([name, t]) => [name, `${fmt(t.median, 1)} (${fmt(t.min, 1)})`])]);
    const publish = rows[2][1].median;
    const baseline = rows[0][1].median;
    console.log(`  → cent publish: ${fmt(publish, 0)} ms, ${fmt(publish - baseline, 0)} ms over a bare node start; goal < 150 ms; cent 1.1.0 (Python): ~350 ms`);
  } finally {
    await mock.close();
  }
}
