/**
 * A TCP proxy between a client and a server, for connections that die at a chosen moment: armed
 * with `dropNextReplies(n)`, each of the next `n` connections forwards the request, lets the server
 * run it, and when the reply's first bytes arrive resets the client side instead of forwarding
 * them. It keeps what each connection sent (bounded), to look at the requests afterwards.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const KEEP_BYTES = 64 * 1024;

export class TcpProxy {
  /** What each connection sent, in order (the first 64 KiB of each). */
  readonly sent: Buffer[] = [];
  #drops = 0;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();

  private constructor(upstreamPort: number) {
    this.#server = net.createServer((client) => this.#connect(client, upstreamPort));
  }

  static async start(upstreamPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(upstreamPort);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The next `n` connections lose their first reply (and the connection). */
  dropNextReplies(n: number): void {
    this.#drops = n;
  }

  /** The HTTP request bodies sent so far (one per connection; keep-alive requests are not split). */
  bodies(): string[] {
    return this.sent.map((bytes) => bytes.toString('utf8').split('\r\n\r\n').slice(1).join('\r\n\r\n'));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #connect(client: net.Socket, upstreamPort: number): void {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    const drop = this.#drops > 0;
    if (drop) this.#drops -= 1;
    const index = this.sent.push(Buffer.alloc(0)) - 1;
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      const kept = this.sent[index] ?? Buffer.alloc(0);
      if (kept.length < KEEP_BYTES) this.sent[index] = Buffer.concat([kept, chunk]).subarray(0, KEEP_BYTES);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!drop) return void client.write(chunk);
      client.resetAndDestroy();
      upstream.destroy();
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  }
}
