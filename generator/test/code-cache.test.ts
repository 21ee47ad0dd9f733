import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/workspace.js';

/**
 * A child process that prints a TypeScript file through ts-morph (with the code cache in `dir`,
 * or without), then what the cache did, once the exit hook has run.
 */
const SCRIPT = (dir: string | undefined) => `
import { enableCodeCache } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'generator/dist/cli/code-cache.js')).href)};
const use = ${dir === undefined ? 'undefined' : `enableCodeCache(${JSON.stringify(dir)})`};
const { printSourceFile } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'generator/dist/emit/ts-file.js')).href)});
const text = printSourceFile('x.ts', 'test', (file) => file.addClass({ name: 'Probe', isExported: true, methods: [{ name: 'run', statements: ['return 1;'] }] }));
process.on('exit', () => console.log(JSON.stringify({ text, use: use && { used: use.used.length, rejected: use.rejected.length, written: use.written.length } })));
`;

function run(dir: string | undefined): {
  text: string;
  use: { used: number; rejected: number; written: number } | undefined;
} {
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT(dir)], { encoding: 'utf8' }),
  ) as never;
}

describe('the code cache (a speed-up) against plain compilation (the reference)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'centkit-code-cache-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the same bytes without a cache, while writing it, and from it; a damaged cache is refused and rewritten', async () => {
    // ts-morph, @ts-morph/common, the TypeScript it bundles and code-block-writer's two modules.
    const files = 5;
    const plain = run(undefined);
    expect(plain.text).toContain('export class Probe {');
    const first = run(dir);
    expect([first.text, first.use]).toEqual([plain.text, { used: 0, rejected: 0, written: files }]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.v8'))).toHaveLength(files);
    const second = run(dir);
    expect([second.text, second.use]).toEqual([plain.text, { used: files, rejected: 0, written: 0 }]);
    for (const file of await readdir(dir)) await writeFile(path.join(dir, file), 'not a code cache');
    const damaged = run(dir);
    expect([damaged.text, damaged.use]).toEqual([plain.text, { used: 0, rejected: files, written: files }]);
    expect(run(dir).use).toEqual({ used: files, rejected: 0, written: 0 });
  });
});
