/**
 * The batching writer (flush-queue.ts, justified by `npm run bench -- ws`) against a plain
 * reference that sends each message on its own: the same protocol messages arrive in the same
 * order, only grouped into fewer websocket messages when they were written in one turn.
 */
import { describe, expect, it } from 'vitest';
import { FlushQueue } from '../../../src/v6/ws/flush-queue.js';
import { joinMessages } from '../../../src/v6/ws/frames.js';

class BatchingWriter {
  private outbox: string[] = [];
  constructor(
    private readonly queue: FlushQueue,
    readonly sent: string[],
  ) {}
  write(m: string): void {
    this.outbox.push(m);
    if (this.outbox.length === 1) this.queue.add(this);
  }
  flush(): void {
    this.sent.push(joinMessages(this.outbox));
    this.outbox = [];
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('flush queue', () => {
  it('delivers what a plain writer delivers, in order, batched per turn of the event loop', async () => {
    const queue = new FlushQueue();
    const batched = [new BatchingWriter(queue, []), new BatchingWriter(queue, [])];
    const plain: string[][] = [[], []];
    let n = 0;
    for (let t = 0; t < 20; t += 1) {
      for (let k = 0; k < (t % 4) + 1; k += 1) {
        const w = (t + k) % 2;
        const m = `{"push":{"n":${n++}}}`;
        batched[w]?.write(m);
        plain[w]?.push(m);
      }
      if (t % 3 !== 0) await turn();
    }
    await turn();
    for (let w = 0; w < 2; w += 1) {
      const sent = batched[w]?.sent ?? [];
      expect(sent.flatMap((m) => m.split('\n'))).toEqual(plain[w]);
      expect(sent.length).toBeLessThan(plain[w]?.length ?? 0);
    }
  });
});
