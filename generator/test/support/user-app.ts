/**
 * A user's own package outside the repository, as the "generate your own protocol" tests need
 * it: a temporary folder where the centkit workspaces are installed from the tarballs `npm pack`
 * makes (real copies, not links into the checkout), with the installed `centkit` bin, strict tsc
 * and a check that generated code imports nothing by a path outside its package.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './workspace.js';

/** The workspaces a user installs: packed as npm publishes them. */
const PACKED = ['@centkit/validators', '@centkit/client', '@centkit/generator'];

export function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

/** Like `run`, without blocking this process: a server answering the child may live here. */
export function runAsync(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The stdout of a run that must succeed (its stderr shown when it did not). */
export function ok(result: SpawnSyncReturns<string>): string {
  expect(result.error).toBeUndefined();
  expect(`exit ${result.status}\n${result.stderr}`).toBe(`exit 0\n${result.stderr}`);
  return result.stdout;
}

/** The user's tsconfig: the strictest settings the repository itself builds with. */
export const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    allowJs: true,
    checkJs: false,
    skipLibCheck: false,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

/**
 * A package.json as a user writes it: the centkit tarballs, and the third-party packages they
 * depend on, linked to the copies this checkout already installed so `npm install --offline`
 * needs no registry (npm installs what the tarballs declare from these).
 */
async function appManifest(name: string, tarballs: readonly string[]): Promise<object> {
  const thirdParty = new Set<string>(['typescript', '@types/node']);
  for (const dir of ['packages/validators', 'packages/client', 'generator']) {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) if (!dep.startsWith('@centkit/')) thirdParty.add(dep);
  }
  return {
    name,
    private: true,
    type: 'module',
    dependencies: Object.fromEntries([
      ...tarballs.map((file) => [
        `@centkit/${path.basename(file).replace(/^centkit-(.+)-\d+\.\d+\.\d+\.tgz$/, '$1')}`,
        `file:tarballs/${path.basename(file)}`,
      ]),
      ...[...thirdParty].sort().map((dep) => [dep, `file:${path.join(repoRoot, 'node_modules', dep)}`]),
    ]),
  };
}

export interface UserApp {
  readonly dir: string;
  /** The installed `centkit` bin, run in the app (or `cwd`). */
  centkit(args: readonly string[], cwd?: string): SpawnSyncReturns<string>;
  /** Writes the strict tsconfig and runs the installed tsc on `src`; returns what it printed. */
  typecheck(): Promise<string>;
  dispose(): Promise<void>;
}

/** Packs the workspaces and installs them into a new temporary folder named after `name`. */
export async function createUserApp(name: string): Promise<UserApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `centkit-${name}-`));
  await mkdir(path.join(dir, 'tarballs'));
  const packed = JSON.parse(
    ok(
      run(
        'npm',
        ['pack', '--json', '--pack-destination', path.join(dir, 'tarballs'), ...PACKED.flatMap((w) => ['-w', w])],
        repoRoot,
      ),
    ),
  ) as { filename: string }[];
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      await appManifest(
        name,
        packed.map((p) => p.filename),
      ),
      null,
      2,
    )}\n`,
  );
  ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund'], dir));
  return {
    dir,
    centkit: (args, cwd = dir) =>
      run(process.execPath, [path.join(dir, 'node_modules/@centkit/generator/bin/centkit.js'), ...args], cwd),
    async typecheck() {
      await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG, null, 2));
      return ok(run(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir));
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The import specifiers of every generated file in `folder` (generated files only), checked:
 * none names the checkout, relative ones stay inside `within`, bare ones match `allowed`.
 */
export async function expectSelfContained(folder: string, within: string, allowed: RegExp): Promise<string[]> {
  const files = (await readdir(folder)).filter((f) => f.includes('.gen.')).sort();
  for (const file of files) {
    const text = await readFile(path.join(folder, file), 'utf8');
    expect(text).not.toContain(repoRoot);
    const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = path.relative(within, path.resolve(folder, specifier));
        expect(target.startsWith('..') || path.isAbsolute(target), `${file}: ${specifier}`).toBe(false);
      } else expect(specifier, `${file}: ${specifier}`).toMatch(allowed);
    }
  }
  return files;
}
