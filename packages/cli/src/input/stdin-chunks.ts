/**
 * Speed-up, quarantined here: stdin read with plain `read(2)` calls while that works, instead
 * of through `process.stdin`, whose stream machinery (fs.ReadStream for a file, which loads
 * fs/promises and readline) cost ~5 ms of a `cent publish < params.json` start. Justified by
 * bench/cli.bench.js (params on stdin, as Python cent reads them); checked against the stream
 * by packages/cli/test/stdin-chunks.test.ts.
 *
 * A file, or a pipe left blocking by whoever made it, reads synchronously (cent has nothing
 * else to do meanwhile). A non-blocking one answers EAGAIN: from there on, the stream reads.
 */
import { readSync } from 'node:fs';

const CHUNK = 64 * 1024;

export async function* stdinChunks(fd: number, stream: () => AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = readSync(fd, buffer, 0, CHUNK, null);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // Windows reports the end of a pipe as EOF.
      if (code === 'EOF') return;
      if (code !== 'EAGAIN') throw error;
      yield* stream();
      return;
    }
    if (n === 0) return;
    yield buffer.subarray(0, n);
  }
}
