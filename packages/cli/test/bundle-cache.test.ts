/**
 * The code-cache loader (bin/run-bundle.cjs) against plain references: the same command run by
 * the bin with no cache, with the cache it wrote, by a plain `node` of the bundle file and by
 * the compiled modules gives the same stdout, stderr and exit code. The cache file is keyed by
 * the bundle's text, a damaged one is replaced, and with no usable folder nothing is written.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENT_BIN } from './support/cent-process.js';

const pkg = path.resolve(fileURLToPath(import.meta.url), '../..');
const BUNDLE = path.join(pkg, 'dist/bundle/cent.cjs');
const MODULES = path.join(pkg, 'dist/main.js');
const SECRET = 'cache-test-secret';
let mock: MockCentrifugo;
let scratch: string;

beforeAll(async () => {
  mock = await startMockCentrifugo({ secret: SECRET });
  scratch = mkdtempSync(path.join(tmpdir(), 'cent-cache-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const cacheFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : [];

describe('cent bundle with a V8 code cache', () => {
  const commands: readonly (readonly string[])[] = [
    ['publish', '--params', '{"channel":"news","data":{"text":"hi"}}'],
    ['publish', '--params', '{"channel":"news"}'],
    ['history', '--params', '{"channel":"news"}', '--no-validate'],
    ['--version'],
    ['--help'],
    ['help', 'publish'],
    ['pubish'],
  ];

  it.each(commands.map((c) => [c.join(' '), c] as const))(
    '%s: the same outcome cold, cached, as a plain bundle and as modules',
    async (_, args) => {
      const dir = mkdtempSync(path.join(scratch, 'dir-'));
      const env = { CENT_ADDRESS: mock.url, CENT_SECRET: SECRET, CENTKIT_CACHE_DIR: dir };
      expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(0);
      const cold = await node([CENT_BIN, ...args], env);
      expect(cacheFiles(dir)).toHaveLength(1);
      const written = statSync(path.join(dir, cacheFiles(dir)[0] ?? '')).mtimeMs;
      const cached = await node([CENT_BIN, ...args], env);
      // Accepted, so not written again.
      expect(statSync(path.join(dir, cacheFiles(dir)[0] ?? '')).mtimeMs).toBe(written);
      const plain = await node([BUNDLE, ...args], env);
      const modules = await node([MODULES, ...args], env);
      expect(cold.stdout + cold.stderr).not.toBe('');
      expect(cached).toEqual(cold);
      expect(plain).toEqual(cold);
      expect(modules).toEqual(cold);
    },
  );

  it('a damaged cache file is replaced; a cache is keyed by the text it was made from', async () => {
    const dir = mkdtempSync(path.join(scratch, 'dir-'));
    const env = { CENTKIT_CACHE_DIR: dir };
    const good = await node([CENT_BIN, '--version'], env);
    const [name] = cacheFiles(dir);
    const file = path.join(dir, name ?? '');
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(await node([CENT_BIN, '--version'], env)).toEqual(good);
    expect(statSync(file).size).toBeGreaterThan(1000);

    // Another text (same length, one byte changed in a comment) gets its own file.
    // Beside the real one, so that it finds its dependencies from the same place.
    const copyDir = mkdtempSync(path.join(pkg, 'dist/.cache-test-'));
    const copy = path.join(copyDir, 'cent.cjs');
    writeFileSync(copy, readFileSync(BUNDLE, 'utf8').replace('Do not edit.', 'Do not edit!'));
    const loader = path.join(pkg, 'bin/run-bundle.cjs');
    const script = `require(${JSON.stringify(loader)}).runBundle(${JSON.stringify(copy)})`;
    const other = await node(['-e', script, '--', 'cent', '--version'], env).finally(() =>
      rmSync(copyDir, { recursive: true, force: true }),
    );
    expect(other).toEqual(good);
    expect(cacheFiles(dir)).toHaveLength(2);
  });

  it('with no absolute HOME and no cache folder set, nothing is written and cent runs as usual', async () => {
    const cwd = mkdtempSync(path.join(scratch, 'cwd-'));
    const run = await new Promise<Outcome>((resolve) => {
      const child = spawn(process.execPath, [CENT_BIN, '--version'], {
        cwd,
        env: { PATH: process.env['PATH'] ?? '', HOME: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cent \d+\.\d+\.\d+ /);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
