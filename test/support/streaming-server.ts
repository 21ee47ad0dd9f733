/**
 * A loopback HTTP server that answers every request with a reply of a planned size — an endless
 * one, one with a Content-Length it never sends, or an exact body — and counts what it managed
 * to write, for the `maxReplyBytes` tests of both clients and of `cent`. Each write waits for the
 * socket to drain and stops once the peer is gone, so the server itself never buffers much.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const CHUNK = Buffer.alloc(64 * 1024, 0x61);
/** The size of one body write. */
export const STREAM_CHUNK_BYTES = CHUNK.length;

/** How the next request is answered. */
export interface ReplyPlan {
  /** Body bytes to send (Infinity: until the client goes away). */
  size: number;
  /** Declared Content-Length (else chunked). */
  contentLength?: number;
  /** The body, when it is not `a` repeated. */
  body?: string;
}

export class StreamingServer {
  plan: ReplyPlan = { size: 0 };
  /** Body bytes the server wrote for the last request. */
  sent = 0;
  /** Whether the last request's response closed (finished, or the peer went away). */
  closed = false;
  requests = 0;
  readonly #server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => void this.#answer(res));
  });
  #socket: Socket | undefined;
  readonly #closedSockets = new WeakSet<Socket>();
  readonly #watched = new WeakSet<Socket>();

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Whether the TCP connection of the last request is closed (keep-alive would leave it open). */
  get socketClosed(): boolean {
    return this.#socket !== undefined && this.#closedSockets.has(this.#socket);
  }

  #watch(socket: Socket): void {
    this.#socket = socket;
    if (this.#watched.has(socket)) return;
    this.#watched.add(socket);
    socket.once('close', () => this.#closedSockets.add(socket));
  }

  async #answer(res: http.ServerResponse): Promise<void> {
    const plan = this.plan;
    this.requests += 1;
    this.sent = 0;
    this.closed = false;
    if (res.socket) this.#watch(res.socket);
    res.on('close', () => {
      this.closed = true;
    });
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (plan.contentLength !== undefined) headers['Content-Length'] = plan.contentLength;
    res.writeHead(200, headers);
    if (plan.body !== undefined) return void res.end(plan.body);
    // Bounded: at most `size` bytes, and never past a connection the client closed.
    while (this.sent < plan.size && !this.closed) {
      const chunk = plan.size - this.sent < CHUNK.length ? CHUNK.subarray(0, plan.size - this.sent) : CHUNK;
      this.sent += chunk.length;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    if (!this.closed) res.end();
  }
}

/** Resolves when `res` can take more, or is gone; leaves no listener behind (the loop waits often). */
function drainedOrClosed(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** Runs `work` while sampling `arrayBuffers` (where Buffers live); returns the peak growth in bytes. */
export async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().arrayBuffers) - before;
}
