/**
 * `stdinChunks` (synchronous reads while they work) against the plain reference, a stream of
 * the same descriptor: the same bytes from a file, from a blocking pipe written in parts, and
 * from a non-blocking FIFO, where it must hand over to the stream (EAGAIN) without losing any.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stdinChunks } from '../src/input/stdin-chunks.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cent-stdin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));

describe('stdin read synchronously, else as a stream', () => {
  it('a regular file: the same bytes as a stream of it, and the stream is never used', async () => {
    const file = path.join(dir, 'in.bin');
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    let streamed = false;
    const sync = await collect(
      stdinChunks(fd, () => {
        streamed = true;
        return createReadStream(file);
      }),
    );
    closeSync(fd);
    expect(streamed).toBe(false);
    expect(sync.equals(bytes)).toBe(true);
    expect((await collect(createReadStream(file))).equals(sync)).toBe(true);
  });

  it('a blocking pipe written in three parts with pauses: every byte, in order', () => {
    // A child reads its own stdin (a blocking pipe from `sh`) with stdinChunks and prints a digest.
    const reader = path.join(dir, 'reader.mjs');
    const module = path.resolve(import.meta.dirname, '../dist/input/stdin-chunks.js');
    writeFileSync(
      reader,
      `import { stdinChunks } from ${JSON.stringify(module)};
      import { createHash } from 'node:crypto';
      const hash = createHash('sha256'); let streamed = false;
      for await (const c of stdinChunks(0, () => { streamed = true; return process.stdin; })) hash.update(c);
      console.log(hash.digest('hex'), streamed);`,
    );
    const part = 'head -c 100000 /dev/zero';
    const run = spawnSync(
      'sh',
      ['-c', `{ ${part}; sleep 0.2; ${part}; sleep 0.2; printf 'end'; } | "${process.execPath}" "${reader}"`],
      { encoding: 'utf8' },
    );
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.alloc(200_000), Buffer.from('end')]))
      .digest('hex');
    expect(run.stdout.trim()).toBe(`${expected} false`);
  });

  it('a non-blocking FIFO: what is read before EAGAIN and what the stream reads after, every byte once', async () => {
    const fifo = path.join(dir, 'in.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    // The writer: a first part at once, the rest after a pause (the sync read meets EAGAIN between).
    const writer = spawn('sh', ['-c', `{ printf 'first-'; sleep 0.3; printf 'second'; } > "${fifo}"`]);
    const written = new Promise((resolve) => writer.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    let streamed = false;
    const all = await collect(
      stdinChunks(fd, () => {
        streamed = true;
        return new Socket({ fd, readable: true, writable: false });
      }),
    );
    await written;
    expect(streamed).toBe(true);
    expect(all.toString()).toBe('first-second');
  });
});
