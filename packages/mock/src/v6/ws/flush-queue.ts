/**
 * When queued messages leave: every connection that was written to during one turn of the event
 * loop sends its messages at the end of that turn (setImmediate), `\n`-joined in one websocket
 * message. Under light load that is at once; when the mock is behind (several API publishes
 * handled in one turn), a connection gets one message holding several, as the real server's
 * writer batches what queued up during its previous write. One timer for all connections.
 * Measured by `npm run bench -- ws` (per-message writes, one syscall each, were the bottleneck).
 */
import { FrameCache } from './frame-once.js';

export interface Flushable {
  flush(): void;
}

export class FlushQueue {
  private pending = new Set<Flushable>();
  private scheduled = false;
  /** Frames of this turn's messages (frame-once.ts). */
  readonly frames = new FrameCache();

  add(f: Flushable): void {
    this.pending.add(f);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    const due = this.pending;
    this.pending = new Set();
    for (const f of due) f.flush();
    this.frames.clear();
  }
}
