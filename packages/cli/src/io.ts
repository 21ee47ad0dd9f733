/**
 * Everything `run` touches outside itself, so tests can drive it in-process and `main.ts` can
 * wire it to the real process. Nothing here opens stdin unless `stdin` is iterated.
 */
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { isatty } from 'node:tty';
import { stdinChunks } from './input/stdin-chunks.js';

export interface CliIo {
  readonly stdout: { write(chunk: string | Uint8Array): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly stdinIsTty: boolean;
  readonly stdoutIsTty: boolean;
  /** Stdin's bytes as they come; leaving the loop early stops reading (the rest is not wanted). */
  stdin(): AsyncIterable<Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Where `~` points: `$HOME` when it is an absolute path, else the user's home folder from the
   * system (as Python's `expanduser` does when HOME is unset); undefined when there is none.
   * Never the working directory: `HOME=""` must not make `~/.centrc` mean `./.centrc`.
   */
  readonly homedir: string | undefined;
  /** Milliseconds, for `--verbose` timings. */
  now(): number;
}

export function homeFolder(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const home = env['HOME'];
  if (home !== undefined && path.isAbsolute(home)) return home;
  try {
    // With HOME set (empty, relative), os.homedir() returns it as is: ask for the account's own.
    const own = home === undefined ? homedir() : userInfo().homedir;
    return path.isAbsolute(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

export function processIo(): CliIo {
  // `cent stats | head -1`: the reader went away. Drop the rest of the output quietly and keep
  // the exit code, instead of dying on an unhandled EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTty: isatty(0),
    stdoutIsTty: isatty(1),
    stdin: () => stdinChunks(0, () => process.stdin as AsyncIterable<Uint8Array>),
    env: process.env,
    homedir: homeFolder(process.env),
    now: () => Number(process.hrtime.bigint()) / 1e6,
  };
}
