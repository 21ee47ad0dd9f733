/**
 * A raw websocket client (npm `ws`) that records every text message in order, both ways, and how
 * the connection ended. It answers the server's pings (`{}`) as the JS SDK does and leaves them
 * out of the record, unless asked to keep them (the ping cases): pings come at a random moment,
 * and a record that depends on the moment would not re-record the same.
 */
import WebSocket from 'ws';
import type { GoldenFrame, GoldenResponse, GoldenSocket } from './transcript.js';

export interface SocketOptions {
  readonly headers?: Record<string, string>;
  /** Record pings and do not answer them. */
  readonly keepPings?: boolean;
  /** Called with the client id of a connect reply, when one comes. */
  readonly onConnected?: (clientId: string) => void;
}

const WAIT_MS = 3000;

export class RecordingSocket {
  private frames: GoldenFrame[] = [];
  private opened: GoldenSocket['open'];
  private rejected: GoldenResponse | undefined;
  private closed: { code: number; reason: string } | undefined;
  private closeTaken = false;
  private waiters: (() => void)[] = [];
  /** The id the server gave the connection in its connect reply. */
  clientId: string | undefined;
  private readonly socket: WebSocket;

  private constructor(
    private name: string,
    url: string,
    private readonly options: SocketOptions,
  ) {
    const path = new URL(url).pathname;
    this.opened = { path, headers: { ...options.headers } };
    this.socket = new WebSocket(url, { headers: options.headers ?? {}, perMessageDeflate: false });
    this.socket.on('message', (data: Buffer, isBinary: boolean) => {
      const text = isBinary ? `<binary ${data.toString('base64')}>` : data.toString('utf8');
      if (text === '{}' && !this.options.keepPings) this.socket.send('{}');
      // one record per protocol message: how the server batches them into websocket messages depends on timing
      else for (const line of text.split('\n')) this.frames.push({ dir: 'recv', text: line });
      const connected = /^\{"id":\d+,"connect":\{"client":"([^"]+)"/.exec(text);
      if (connected) {
        this.clientId = connected[1] as string;
        this.options.onConnected?.(this.clientId);
      }
      this.wake();
    });
    this.socket.on('close', (code: number, reason: Buffer) => {
      this.closed ??= { code, reason: reason.toString('utf8') };
      this.wake();
    });
    this.socket.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          if ((res.rawHeaders[i] as string).toLowerCase() !== 'date')
            headers[res.rawHeaders[i] as string] = res.rawHeaders[i + 1] as string;
        }
        this.rejected = { status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') };
        this.closed = { code: 1006, reason: '' };
        this.wake();
      });
    });
    this.socket.on('open', () => this.wake());
    this.socket.on('error', () => this.wake());
  }

  /** Opens a connection and waits until it is open, refused or closed. */
  static async open(client: string, url: string, options: SocketOptions = {}): Promise<RecordingSocket> {
    const s = new RecordingSocket(client, url, options);
    await s.until(() => s.socket.readyState === WebSocket.OPEN || s.closed !== undefined);
    return s;
  }

  /** The client's name in the transcript. */
  get client(): string {
    return this.name;
  }

  /** Renames the client before its first record (to name a pair of connections by the order of their ids). */
  rename(name: string): void {
    this.name = name;
  }

  /** Sends a text message; with `template`, records that instead (`<c repeated N times>` for a message too large to store). */
  send(text: string, template?: string): void {
    this.frames.push(
      template === undefined ? { dir: 'send', text } : { dir: 'send', text: template, expand: 'repeat' },
    );
    this.socket.send(text);
  }

  /** How many messages came in since the last `take`. */
  get receivedCount(): number {
    return this.frames.filter((f) => f.dir === 'recv').length;
  }

  /** Waits until `n` messages came in since the last `take`, or the connection closed, or WAIT_MS passed. */
  async received(n: number, waitMs = WAIT_MS): Promise<void> {
    await this.until(() => this.receivedCount >= n || this.closed !== undefined, waitMs);
  }

  /** Waits for the close (or `waitMs`). */
  async closedBy(waitMs = WAIT_MS): Promise<void> {
    await this.until(() => this.closed !== undefined, waitMs);
  }

  /** Lets `ms` pass, so that anything the server still sends is seen (used where nothing is expected). */
  async settle(ms = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  get isClosed(): boolean {
    return this.closed !== undefined;
  }

  /** What happened since the last `take`, and starts a new record. */
  take(): GoldenSocket {
    const record: GoldenSocket = {
      client: this.name,
      ...(this.opened && { open: this.opened }),
      ...(this.rejected && { rejected: this.rejected }),
      frames: this.frames,
      ...(this.closed && !this.closeTaken && { close: this.closed }),
    };
    if (this.closed) this.closeTaken = true;
    this.opened = undefined;
    this.rejected = undefined;
    this.frames = [];
    return record;
  }

  async close(): Promise<void> {
    if (this.closed !== undefined) return;
    // the server does not always answer a client's close frame promptly: do not wait for it
    this.socket.close(1000);
    await this.closedBy(200);
    if (this.closed === undefined) this.socket.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  private async until(done: () => boolean, waitMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + waitMs;
    while (!done() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
