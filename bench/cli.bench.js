// Issue #17 §2: whole-process wall time of one `cent publish` (the real bin, params checked, one
// signed request to the mock in its own process), beside the real Python cent 1.1.0 doing the
// same in the same run (installed from PyPI into a venv in the cache folder: bench/lib/python-cent.js).
// Target: `cent publish` at most Python cent's time.
//
// Both read the same ~/.centrc section and get the params on stdin (Python cent reads stdin
// whenever it is not a terminal). Rows take turns within each round (the order rotating), so a
// neighbour's burst on this shared machine falls on all of them; figures are medians over the
// rounds. Timed in a PATH-only environment, and again with this environment's NODE_* variables
// when there are any (NODE_EXTRA_CA_CERTS makes every node process read a certificate file first).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, table } from './lib/measure.js';
import { startMock } from './lib/processes.js';
import { PYTHON_CENT_VERSION, pythonCent } from './lib/python-cent.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/cli');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SECRET = 'bench-secret';
const PARAMS = '{"channel":"news","data":{"text":"hello"}}';

function runOnce([command, ...args], env, stdin) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Each row's times over `ROUNDS` rounds, the rows taking turns; one warm-up run each first. */
async function timeRows(rows, env) {
  for (const row of rows) await runOnce(row.argv, env, row.stdin);
  const times = rows.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < rows.length; j++) {
      const k = (i + j) % rows.length;
      times[k].push(await runOnce(rows[k].argv, env, rows[k].stdin));
    }
  }
  return times.map((t) => ({ median: median(t), min: Math.min(...t) }));
}

export async function run() {
  const python = pythonCent();
  const mock = await startMock({ secret: SECRET });
  const home = mkdtempSync(path.join(os.tmpdir(), 'centkit-bench-home-'));
  // The code cache goes to ~/.cache/centkit of this HOME: the warm-up run writes it.
  writeFileSync(path.join(home, '.centrc'), `[bench]\naddress = ${mock.url}\nsecret = ${SECRET}\n`);
  const node = process.execPath;
  const cent = path.join(cli, 'bin/cent.cjs');
  const publish = ['bench', 'publish'];
  const rows = [
    ...(python.cent === undefined
      ? []
      : [
          { name: `python3 -c 0 (Python start-up)`, argv: [python.python, '-c', '0'] },
          {
            name: `Python cent ${PYTHON_CENT_VERSION} publish (baseline)`,
            argv: [python.cent, ...publish],
            stdin: PARAMS,
            baseline: true,
          },
        ]),
    { name: 'node -e 0 (Node start-up)', argv: [node, '-e', '0'] },
    { name: 'cent publish (params checked)', argv: [node, cent, ...publish], stdin: PARAMS, target: true },
    { name: 'cent publish --no-validate', argv: [node, cent, ...publish, '--no-validate'], stdin: PARAMS },
    {
      name: '  the bundle without the code cache',
      argv: [node, path.join(cli, 'dist/bundle/cent.cjs'), ...publish],
      stdin: PARAMS,
    },
    { name: '  the modules, no bundle', argv: [node, path.join(cli, 'dist/main.js'), ...publish], stdin: PARAMS },
    { name: 'cent --help', argv: [node, cent, '--help'] },
  ];
  const nodeVars = Object.keys(process.env).filter((k) => k.startsWith('NODE_'));
  const environments = [
    { label: 'PATH only', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home }, rows },
    ...(nodeVars.length === 0
      ? []
      : [
          {
            label: `with ${nodeVars.join(', ')}`,
            env: { ...process.env, HOME: home },
            rows: rows.filter((r) => r.baseline || r.target || r.argv[1] === '-e'),
          },
        ]),
  ];
  try {
    if (python.why !== undefined) console.log(`  (no Python cent baseline: ${python.why})`);
    for (const { label, env, rows: timed } of environments) {
      const results = await timeRows(timed, env);
      table([
        [`wall time, ${label}; median of ${ROUNDS} rounds (min)`, 'ms'],
        ...timed.map((r, i) => [r.name, `${fmt(results[i].median, 1)} (${fmt(results[i].min, 1)})`]),
      ]);
      const at = (key) => results[timed.findIndex((r) => r[key])];
      const ours = at('target');
      const theirs = python.cent === undefined ? undefined : at('baseline');
      if (theirs === undefined) continue;
      const ratio = ours.median / theirs.median;
      console.log(
        `  → ${label}: cent publish ${fmt(ours.median, 1)} ms, Python cent ${fmt(theirs.median, 1)} ms: ${fmt(ratio, 2)}× (target ≤ 1.00×: ${ratio <= 1 ? 'met' : 'NOT met'})`,
      );
    }
    console.log(
      `  load average when done: ${os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(', ')} (${os.cpus().length} CPUs)`,
    );
  } finally {
    await mock.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
