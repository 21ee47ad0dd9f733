import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIMISE_LATER_FLAG, optimiseLater } from '../src/cli/optimise-later.js';
import { generate } from '../src/pipeline/generate.js';
import { repoRoot, scratchRoot } from './support/workspace.js';

const BIN = path.join(repoRoot, 'generator/bin/centkit.js');
const MODULE = pathToFileURL(path.join(repoRoot, 'generator/dist/cli/optimise-later.js')).href;

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), await readFile(file, 'utf8'));
  }
  return files;
}

describe('optimising later (a speed-up) against V8 as it comes (the reference)', () => {
  let bin: Awaited<ReturnType<typeof scratchRoot>>;
  let library: Awaited<ReturnType<typeof scratchRoot>>;
  beforeAll(async () => {
    [bin, library] = await Promise.all([scratchRoot('optimise-later-bin'), scratchRoot('optimise-later-lib')]);
  });
  afterAll(async () => {
    await Promise.all([bin.dispose(), library.dispose()]);
  });

  it('the bin, which sets the flag, generates the bytes the library does in a process without it', async () => {
    const schemaDir = path.join(repoRoot, 'schema/centrifugo-v6');
    const run = spawnSync(process.execPath, [BIN, 'generate', '--schema', schemaDir, '--out', bin.dir, '--quiet'], {
      encoding: 'utf8',
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
    await generate({ schemaDir, outDir: library.dir });
    const [fast, plain] = await Promise.all([filesUnder(bin.dir), filesUnder(library.dir)]);
    expect(fast.size).toBeGreaterThan(20);
    expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
    for (const [file, text] of plain) expect(fast.get(file), file).toBe(text);
  });

  it('sets the flag on the V8 of Node 20–24, silently, and leaves another V8 alone', () => {
    const script = `import { OPTIMISE_LATER_FLAG, optimiseLater } from ${JSON.stringify(MODULE)}; console.log(optimiseLater());`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect([child.stdout.trim(), child.stderr]).toEqual([String(/^1[1-3]\./.test(process.versions.v8)), '']);
    expect(optimiseLater('99.1.0')).toBe(false);
    expect(optimiseLater('10.2.154.26-node.26')).toBe(false);
    // The flag as V8 reads it: an unknown one would be reported on stderr.
    const known = spawnSync(process.execPath, [OPTIMISE_LATER_FLAG, '-e', '0'], { encoding: 'utf8' });
    expect([known.status, known.stderr]).toEqual([0, '']);
  });
});
