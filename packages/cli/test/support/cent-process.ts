/**
 * Runs the real `cent` (node packages/cli/bin/cent.cjs, built by `tsc -b packages/cli`) as a
 * subprocess, asynchronously so a mock server in the test process keeps answering. The
 * environment is clean: PATH, a HOME of the test's choosing, and only the CENT_* it passes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CENT_BIN = path.resolve(fileURLToPath(import.meta.url), '../../../bin/cent.cjs');
const DIST_MAIN = path.resolve(fileURLToPath(import.meta.url), '../../../dist/main.js');

export interface CentRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CentOptions {
  /** Text piped to stdin; `null` (default): stdin is /dev/null (not a TTY, empty). */
  readonly stdin?: string | null;
  /** HOME for the run (where ~/.centrc is looked up); default: a directory with no .centrc. */
  readonly home?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Run under script(1): stdin and stdout are a pseudo-terminal, stderr is merged into stdout, lines end in \r\n. */
  readonly tty?: boolean;
  /** Called with the child once it is started (e.g. to watch its memory by its pid). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

export const NO_HOME = '/nonexistent-home-for-cent-tests';

export function runCent(args: readonly string[], options: CentOptions = {}): Promise<CentRun> {
  if (!existsSync(DIST_MAIN)) throw new Error('packages/cli is not built: run `npx tsc -b packages/cli` first');
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: options.home ?? NO_HOME, ...options.env };
  const argv = [process.execPath, CENT_BIN, ...args];
  const [command, commandArgs] =
    options.tty === true
      ? ['script', ['-q', '-e', '-c', argv.map(shellQuote).join(' '), '/dev/null']]
      : [argv[0] ?? 'node', argv.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      env,
      stdio: [typeof options.stdin === 'string' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    options.onSpawn?.(child);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (typeof options.stdin === 'string') child.stdin?.end(options.stdin);
  });
}

export function shellQuote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Lines of output, without the trailing empty one. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l, i, all) => !(l === '' && i === all.length - 1));
}
