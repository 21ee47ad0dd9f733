import { execFileSync, spawnSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { fixture, repoRoot, scratchRoot } from './support/workspace.js';

/** Runs the CLI in-process, capturing its output. */
async function centkit(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('centkit generate (the command line)', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    root = await scratchRoot('cli');
    await cp(fixture('kvstore'), path.join(root.dir, 'schema'), { recursive: true });
  });
  afterAll(() => root.dispose());

  it('prints what it generated and how long each stage took', async () => {
    const { code, stdout } = await centkit(['generate', '--schema', 'schema'], root.dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^centkit: generated from schema\n/);
    expect(stdout).toMatch(/ new {7}packages\/validators\/src\/gen\/types\.gen\.ts/);
    expect(stdout).toMatch(
      /files \(\d+ written, 0 removed\) in \d+ ms \[load \d+ ms, validate \d+ ms, IR \d+ ms, emit \d+ ms, write \d+ ms\]/,
    );
  });

  it('--check exits 0 when up to date, 1 listing stale files, and writes nothing', async () => {
    expect((await centkit(['generate', '--schema', 'schema', '--check'], root.dir)).code).toBe(0);
    const types = path.join(root.dir, 'packages/validators/src/gen/types.gen.ts');
    const before = await readFile(types, 'utf8');
    await writeFile(types, `${before}// edited by hand\n`);
    const stale = await centkit(['generate', '--schema', 'schema', '--check'], root.dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('changed   packages/validators/src/gen/types.gen.ts');
    expect(await readFile(types, 'utf8')).toBe(`${before}// edited by hand\n`);
  });

  it('exits 1 listing every schema problem with file and JSON path, writing nothing', async () => {
    const broken = path.join(root.dir, 'broken');
    await cp(fixture('kvstore'), broken, { recursive: true });
    await writeFile(
      path.join(broken, 'methods/put.params.json'),
      JSON.stringify({ type: 'object', properties: { key: { type: 'strin' } } }),
    );
    await writeFile(
      path.join(broken, 'types/entry.schema.json'),
      JSON.stringify({ title: 'Entry', type: 'object', properties: { value: { $ref: 'missing.json' } } }),
    );
    const out = path.join(root.dir, 'out-broken');
    const result = await centkit(['generate', '--schema', broken, '--out', out], root.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^centkit: the schema set broken has \d+ problems; nothing was written:\n/);
    expect(result.stderr).toContain('  broken/methods/put.params.json#/properties/key/type: ');
    expect(result.stderr).toContain('methods/put.params.json#/properties/key/type');
    expect(result.stderr).toContain('types/entry.schema.json#/properties/value: "missing.json" does not resolve');
    expect(spawnSync('ls', [out]).status).not.toBe(0);
  });

  it('exits 2 with the usage on a bad call', async () => {
    const unknown = await centkit(['regenerate'], root.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^centkit: unknown command "regenerate"/);
    expect((await centkit(['generate', '--bogus'], root.dir)).code).toBe(2);
  });

  it('is wired to the package bin', () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'generator/bin/centkit.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/^usage: centkit <command>/);
  });
});
