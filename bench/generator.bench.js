// Issue: `generate` wall time as a cold process, for the shipped schema and for a made-up
// protocol of 300 methods.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, processWallTime, table } from './lib/measure.js';
import { writeSyntheticProtocol } from './lib/synthetic-protocol.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'generator/bin/centkit.js');

export async function run() {
  const out = await mkdtemp(path.join(os.tmpdir(), 'centkit-bench-'));
  const synthetic = path.join(out, 'schema-300');
  try {
    await writeSyntheticProtocol(synthetic, 300);
    const shipped = processWallTime(process.execPath, [bin, 'generate', '--schema', path.join(root, 'schema/centrifugo-v1'), '--out', path.join(out, 'shipped'), '--quiet'], { runs: 3 });
    const check = processWallTime(process.execPath, [bin, 'generate', '--schema', path.join(root, 'schema/centrifugo-v1'), '--out', root, '--check', '--quiet'], { runs: 3 });
    const big = processWallTime(process.execPath, [bin, 'generate', '--schema', synthetic, '--out', path.join(out, 'big'), '--quiet'], { runs: 3 });
    const bare = processWallTime(process.execPath, ['-e', '0'], { runs: 3 });
    table([
      ['cold process', 'median ms', 'min ms', 'runs'],
      ['node -e 0 (baseline: process start)', fmt(bare.median), fmt(bare.min), bare.runs],
      ['generate schema/centrifugo-v1 (9 methods)', fmt(shipped.median), fmt(shipped.min), shipped.runs],
      ['generate --check schema/centrifugo-v1', fmt(check.median), fmt(check.min), check.runs],
      ['generate made-up protocol (300 methods)', fmt(big.median), fmt(big.min), big.runs],
    ]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
