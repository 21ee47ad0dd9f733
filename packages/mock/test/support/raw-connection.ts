/**
 * One kept-alive connection for tests that compare answers byte for byte: writes a request's raw
 * bytes and reads one answer off the connection (its head, then a Content-Length body, a chunked
 * body, or everything up to the close), interim `100 Continue` answers kept in front of it.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** Every byte of the answer as sent (one char per byte), interim answers first. */
  readonly raw: string;
  /** The final answer's head, without the blank line. */
  readonly head: string;
  /** The body, de-chunked. */
  readonly body: Buffer;
  /** The connection closed after (or instead of) the answer. */
  readonly closed: boolean;
}

export class RawConnection {
  private buffered = Buffer.alloc(0);
  private closed = false;
  private interim = '';
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async exchange(bytes: Buffer): Promise<RawAnswer> {
    this.socket.write(bytes);
    for (;;) {
      const answer = this.take();
      if (answer !== undefined) return answer;
      if (this.closed) {
        const raw = this.interim + this.buffered.toString('latin1');
        const end = this.buffered.indexOf('\r\n\r\n');
        const head = end < 0 ? this.buffered.toString('latin1') : this.buffered.toString('latin1', 0, end);
        const body = end < 0 ? Buffer.alloc(0) : this.buffered.subarray(end + 4);
        this.buffered = Buffer.alloc(0);
        this.interim = '';
        return { raw, head, body, closed: true };
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private take(): RawAnswer | undefined {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const head = this.buffered.toString('latin1', 0, end);
    if (/^HTTP\/1\.1 1\d\d /.test(head)) {
      this.interim += `${head}\r\n\r\n`;
      this.buffered = this.buffered.subarray(end + 4);
      return this.take();
    }
    const framed = /\r\ntransfer-encoding: chunked\r\n/i.test(`${head}\r\n`)
      ? dechunk(this.buffered, end + 4)
      : lengthFramed(this.buffered, end + 4, head);
    if (framed === undefined) return undefined;
    const raw = this.interim + this.buffered.toString('latin1', 0, framed.total);
    this.buffered = this.buffered.subarray(framed.total);
    this.interim = '';
    return { raw, head, body: framed.body, closed: false };
  }
}

function lengthFramed(buf: Buffer, start: number, head: string): { total: number; body: Buffer } | undefined {
  const length = /\r\ncontent-length: (\d+)/i.exec(head);
  if (length === null) return undefined; // read to the close
  const total = start + Number(length[1]);
  return buf.length < total ? undefined : { total, body: buf.subarray(start, total) };
}

function dechunk(buf: Buffer, start: number): { total: number; body: Buffer } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
    if (size === 0) {
      const total = lineEnd + 4; // the empty trailer
      return buf.length < total ? undefined : { total, body: Buffer.concat(parts) };
    }
    if (buf.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
