/**
 * Everything `run` touches outside itself, so tests can drive it in-process and `main.ts` can
 * wire it to the real process. Nothing here opens stdin unless `readStdin` is called.
 */
import { homedir } from 'node:os';
import { isatty } from 'node:tty';

export interface CliIo {
  readonly stdout: { write(chunk: string | Uint8Array): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly stdinIsTty: boolean;
  readonly stdoutIsTty: boolean;
  /** The whole of stdin, up to its end. */
  readStdin(): Promise<Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where `~` points (`$HOME` first, as Python's `expanduser`). */
  readonly homedir: string;
  /** Milliseconds, for `--verbose` timings. */
  now(): number;
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
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
    homedir: homedir(),
    now: () => performance.now(),
  };
}
