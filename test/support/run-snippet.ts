/**
 * Runs README snippets as an app would: scripts and vitest files written into a scratch folder
 * inside the repository (so `@centkit/*` resolve through its node_modules as in an app), shell
 * lines through `sh -e`. Every run is asynchronous: the mock a snippet talks to may live in the
 * test's own process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import { repoRoot } from './readme-blocks.js';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh scratch folder inside the repository; `remove()` deletes it. */
export function scratchFolder(): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(repoRoot, '.tmp-readme-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string; timeout?: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // A snippet that never ends (a socket left open) fails its test instead of hanging it.
      timeout: options.timeout ?? 15_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Writes `code` as `name` into `dir` and runs it with node (a `.ts` name is stripped of its types first). */
export async function runModule(
  dir: string,
  name: string,
  code: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const js = name.endsWith('.ts') ? (await transform(code, { loader: 'ts', format: 'esm' })).code : code;
  const file = path.join(dir, name.replace(/\.ts$/, '.mjs'));
  writeFileSync(file, js);
  return runProcess(process.execPath, [file], { cwd: dir, env });
}

/** Runs a shell script with `sh -e` in `cwd`. */
export function runShell(script: string, cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return runProcess('sh', ['-ec', script], { cwd, env });
}

/** Runs the `*.snippet.ts` vitest files written into `dir` with vitest, alone (no global setup). */
export function runVitest(dir: string, env: Record<string, string> = {}): Promise<Run> {
  writeFileSync(
    path.join(dir, 'vitest.config.mjs'),
    "export default { test: { include: ['**/*.snippet.ts'], testTimeout: 15000 } };\n",
  );
  const vitest = path.join(repoRoot, 'node_modules/vitest/vitest.mjs');
  return runProcess(process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs', '--root', dir], {
    cwd: dir,
    timeout: 50_000,
    env: { ...env, NO_COLOR: '1', CI: '1' },
  });
}
