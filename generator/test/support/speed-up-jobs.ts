/**
 * The generator runs a quarantined speed-up is checked on against its plain reference: each
 * shipped protocol as configured, the legacy 1.0 definition, the test fixtures and a synthetic
 * protocol of 40 methods (written into a scratch folder before the suite's tests). Call it in a
 * `describe`; each case's jobs are read once the suite has started.
 */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeSyntheticProtocol } from '../../../bench/lib/synthetic-protocol.js';
import { defaultProtocolConfig } from '../../src/config/default-layout.js';
import { loadProtocol } from '../../src/diff/load-protocol.js';
import { runEmitters } from '../../src/emit/run-emitters.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ProtocolJob } from '../../src/config/protocol-job.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { emitters } from '../../src/emitters/index.js';
import { fixture, repoRoot, scratchRoot } from './workspace.js';

export type JobsCase = readonly [name: string, jobs: () => ProtocolJob[]];

/**
 * A scratch root holding a synthetic protocol of 40 methods (in `synthetic/`), written before the
 * suite's tests and removed after them. Call it in a `describe`; the paths are known once it has started.
 */
export function syntheticScratch(scratchName: string): { root: () => string; synthetic: () => string } {
  let root: { dir: string; dispose: () => Promise<void> } | undefined;
  beforeAll(async () => {
    root = await scratchRoot(scratchName);
    await writeSyntheticProtocol(path.join(root.dir, 'synthetic'), 40);
  });
  afterAll(() => root?.dispose());
  const dir = () => {
    if (root === undefined) throw new Error('syntheticScratch: read before the suite started');
    return root.dir;
  };
  return { root: dir, synthetic: () => path.join(dir(), 'synthetic') };
}

export function speedUpJobs(scratchName: string): JobsCase[] {
  const scratch = syntheticScratch(scratchName);
  let shipped: ProtocolJob[] = [];
  beforeAll(async () => {
    const config = path.join(repoRoot, 'centkit.config.json');
    shipped = resolveConfig(await loadConfig(config, 'centkit.config.json'), repoRoot, emitters, 'centkit.config.json');
  });
  const defaultLayout =
    (dir: () => string): (() => ProtocolJob[]) =>
    () =>
      resolveConfig({ protocols: [defaultProtocolConfig(dir())] }, scratch.root(), emitters, '(default layout)');
  return [
    ['centrifugo-v1 as configured', () => shipped.filter((job) => job.name === 'centrifugo-v1')],
    ['centrifugo-v6 as configured', () => shipped.filter((job) => job.name === 'centrifugo-v6')],
    ['centrifugo-v1.0', defaultLayout(() => path.join(repoRoot, 'schema/centrifugo-v1.0'))],
    ['kvstore', defaultLayout(() => fixture('kvstore'))],
    ['mini-v6', defaultLayout(() => fixture('mini-v6'))],
    ['a synthetic protocol of 40 methods', defaultLayout(scratch.synthetic)],
  ];
}

/** Every file the emitters of `jobs` generate, in order (path relative to the output root, and text). */
export async function emitAll(jobs: readonly ProtocolJob[]): Promise<{ path: string; content: string }[]> {
  const out: { path: string; content: string }[] = [];
  for (const job of jobs) {
    const { ir } = await loadProtocol(job.schemaDir, repoRoot);
    out.push(...(await runEmitters(ir, job.emitters)).map(({ path: p, content }) => ({ path: p, content })));
  }
  return out;
}
