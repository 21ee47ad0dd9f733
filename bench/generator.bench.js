// Issue 17 §1: `centkit generate` as a cold process. The shipped config (every protocol of
// centkit.config.json, written into an empty folder and checked in place), and each shipped
// protocol alone (`--protocol NAME --check`, target < 1000 ms each) beside `node -e 0`,
// then made-up protocols of 10 to 1000 methods (bench/lib/synthetic-protocol.js) with the time
// per method, which should stay flat as the protocol grows. Targets: the shipped protocols cold
// under 1 s each, 1000 methods under 20 s.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, processWallTime, table } from './lib/measure.js';
import { writeSyntheticProtocol } from './lib/synthetic-protocol.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'generator/bin/centkit.js');
/** Method counts of the curve, and how many cold runs each gets (the largest take long). */
const CURVE = [
  [10, 3],
  [100, 3],
  [300, 3],
  [1000, 1],
];

export async function run() {
  const out = await mkdtemp(path.join(os.tmpdir(), 'centkit-bench-'));
  try {
    // The config's paths are relative to it: a copy of the config and the schemas it names, in an empty folder.
    const shippedRoot = path.join(out, 'shipped');
    await cp(path.join(root, 'centkit.config.json'), path.join(shippedRoot, 'centkit.config.json'));
    await cp(path.join(root, 'schema'), path.join(shippedRoot, 'schema'), { recursive: true });
    const bare = processWallTime(process.execPath, ['-e', '0'], { runs: 5 });
    const shipped = processWallTime(process.execPath, [bin, 'generate', '--quiet'], { runs: 5, cwd: shippedRoot });
    const check = processWallTime(process.execPath, [bin, 'generate', '--check', '--quiet'], { runs: 5, cwd: root });
    const { protocols } = JSON.parse(await readFile(path.join(root, 'centkit.config.json'), 'utf8'));
    /** Each shipped protocol alone, cold: `generate --check --protocol NAME`. */
    const eachProtocol = (options) =>
      protocols.map(({ name }) => [
        name,
        processWallTime(process.execPath, [bin, 'generate', '--check', '--quiet', '--protocol', name], {
          cwd: root,
          ...options,
        }),
      ]);
    const each = eachProtocol({ runs: 5 });
    // Each protocol again in a clean environment (PATH only), as the cli and mock sections measure:
    // variables such as NODE_EXTRA_CA_CERTS (set on this workplace's machines) make every node
    // process read a certificate file first, which says nothing about the generator.
    const clean = { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } };
    const bareClean = processWallTime(process.execPath, ['-e', '0'], { runs: 9, ...clean });
    const eachClean = eachProtocol({ runs: 9, ...clean });
    table([
      ['cold process', 'median ms', 'min ms', 'runs'],
      ['node -e 0 (baseline: process start)', fmt(bare.median), fmt(bare.min), bare.runs],
      ['generate every configured protocol (empty folder)', fmt(shipped.median), fmt(shipped.min), shipped.runs],
      [
        'generate --check, the repository (every protocol; issue 13: < 2000)',
        fmt(check.median),
        fmt(check.min),
        check.runs,
      ],
      ...each.map(([name, time]) => [
        `generate --check --protocol ${name} (target < 1000)`,
        fmt(time.median),
        fmt(time.min),
        time.runs,
      ]),
      ['node -e 0, PATH only', fmt(bareClean.median), fmt(bareClean.min), bareClean.runs],
      ...eachClean.map(([name, time]) => [
        `generate --check --protocol ${name}, PATH only (target < 1000)`,
        fmt(time.median),
        fmt(time.min),
        time.runs,
      ]),
    ]);

    console.log('');
    const rows = [['made-up protocol', 'median ms', 'ms per method', 'runs']];
    for (const [methods, runs] of CURVE) {
      const schema = path.join(out, `schema-${methods}`);
      await writeSyntheticProtocol(schema, methods);
      const time = processWallTime(
        process.execPath,
        [bin, 'generate', '--schema', schema, '--out', path.join(out, `out-${methods}`), '--quiet'],
        { runs },
      );
      rows.push([
        `${methods} methods${methods === 1000 ? ' (target < 20000)' : ''}`,
        fmt(time.median),
        fmt(time.median / methods, 1),
        time.runs,
      ]);
    }
    table(rows);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
