/**
 * Reading a file or stdin with a bound on the bytes kept, and for FIFOs a bound on the wait.
 * Errors are `InputError`s that say what went wrong and never carry any of the content (a
 * config line may be the secret); callers turn them into the CLI's messages.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { isatty } from 'node:tty';

export type InputProblem = 'too-large' | 'no-writer' | 'directory' | 'terminal' | 'unreadable';

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly problem: InputProblem,
    /** `too-large`: the byte limit; `no-writer`: the milliseconds waited. */
    readonly limit = 0,
    /** `unreadable`: the system error code (`EACCES`...). */
    readonly code = '',
  ) {
    super(`${problem}${code === '' ? '' : ` (${code})`}`);
  }
}

/**
 * The whole of `file`, at most `maxBytes` of it (more is an error), or undefined when it does
 * not exist. A FIFO or socket is read without blocking the process on its opening, and must be
 * written and closed within `waitMs`.
 */
export async function readFileBounded(file: string, maxBytes: number, waitMs: number): Promise<Buffer | undefined> {
  let isPipe: boolean;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new InputError('directory');
    isPipe = stats.isFIFO() || stats.isSocket();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError('unreadable', 0, code);
  }
  return isPipe ? readPipe(file, maxBytes, waitMs) : readSyncBounded(file, maxBytes);
}

function readSyncBounded(file: string, maxBytes: number): Buffer {
  const fd = openOrThrow(file, constants.O_RDONLY);
  try {
    if (isatty(fd)) throw new InputError('terminal');
    // A regular file says its size; a character device (/dev/null, /dev/zero) is read in chunks.
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new InputError('too-large', maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(size + 1, 64 * 1024), maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new InputError('too-large', maxBytes);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opened non-blocking (a plain open would wait for a writer inside a thread no timer can stop),
 * then read through the event loop, which on Linux waits until a writer writes or closes.
 */
async function readPipe(file: string, maxBytes: number, waitMs: number): Promise<Buffer> {
  const fd = openOrThrow(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const socket = new Socket({ fd, readable: true, writable: false });
  const timer = setTimeout(() => socket.destroy(new InputError('no-writer', waitMs)), waitMs);
  try {
    return await collectBounded(socket, maxBytes);
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

/**
 * Every chunk of `source` joined; once more than `maxBytes` came, reading stops (leaving the
 * loop ends the iterator: a stream is destroyed) and the rest is never read.
 */
export async function collectBounded(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new InputError('too-large', maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function openOrThrow(file: string, flags: number): number {
  try {
    return openSync(file, flags);
  } catch (error) {
    throw new InputError('unreadable', 0, codeOf(error));
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'unknown error';
}
