/**
 * Quarantined speed-up (STYLE.md, "Speed-ups are quarantined"): a server's usual request answered
 * without Node's IncomingMessage and ServerResponse. The Go reader (`js-http1.ts`) hands a
 * request whose whole body has arrived to the server's lane; a lane that takes it runs the
 * handler on a `LaneRequest` and a `LaneResponse`, and the answer goes out in one write, its head
 * written as Node's ServerResponse writes it on that reader (status line, the headers in the
 * order set, Date, Connection). Node's pair and its parser cost some 8 µs of server CPU per
 * request here, a third of a signed publish: the 1.x mock at 32 connections went from ~24 to
 * ~17 µs per request.
 *
 * Justified by bench/mock.bench.js (the 1.x mock's signed publish beside bare node:http;
 * `BENCH_MOCK_BUILDS` compares a saved build without the lane); checked byte for byte against
 * the plain path (the same server with no lane, every answer's bytes but the Date) by
 * test/fast-lane.test.ts.
 */
import { STATUS_CODES, type OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiRequest, ApiResponse } from './exchange.js';
import type { RequestHead } from './js-http1.js';
import { lingerClose, MAX_POST_HANDLER_READ } from './unread-body.js';

/**
 * Takes the request (true: it calls `answered` once its answer is written, unless the connection
 * closes) or leaves it to the server's `onRequest` (false: nothing has been done with it).
 */
export type FastLane = (head: RequestHead, body: Buffer, socket: Socket, answered: () => void) => boolean;

/**
 * What any lane requires of a request: a kept-alive HTTP/1.1 POST with no `Expect`, its body under
 * 256 KiB. Its body is then always received whole, so Go's handling of unread bodies (and Node's
 * request stream) has nothing left to decide; a protocol's lane adds its own conditions.
 */
export function laneMayTake(head: RequestHead, body: Buffer): boolean {
  return (
    head.method === 'POST' &&
    head.version === '1.1' &&
    head.keepAlive &&
    body.length < MAX_POST_HANDLER_READ &&
    head.headers['expect'] === undefined
  );
}

/** Runs `handle` on the lane's request and response for `head`, then hands it the body; a lane's `true`. */
export function answerInLane(
  head: RequestHead,
  body: Buffer,
  socket: Socket,
  answered: () => void,
  handle: (req: LaneRequest, res: LaneResponse) => void,
): true {
  const req = new LaneRequest(head, socket);
  handle(req, new LaneResponse(socket, answered));
  req.deliver(body);
  return true;
}

/** A request whose body is all here: handed over by `deliver` once the handler has asked for it. */
export class LaneRequest implements ApiRequest {
  readonly complete = true;
  private onData: ((chunk: Buffer) => void) | undefined;
  private onEnd: (() => void) | undefined;

  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly rawHeaders: string[];

  constructor(
    head: RequestHead,
    readonly socket: Socket,
  ) {
    this.method = head.method;
    this.url = head.target;
    this.httpVersion = head.version;
    this.rawHeaders = head.rawHeaders;
  }

  on(event: 'data' | 'end' | 'close', listener: ((chunk: Buffer) => void) | (() => void)): this {
    // 'close' is never emitted: nothing is left to abort once the body is here.
    if (event === 'data') this.onData = once(this.onData, listener);
    else if (event === 'end') this.onEnd = once(this.onEnd, listener as () => void);
    return this;
  }

  /** The body, then its end, to the handler's listeners (none: it did not read the body). */
  deliver(body: Buffer): void {
    if (body.length > 0) this.onData?.(body);
    this.onEnd?.();
  }
}

function once<T>(current: T | undefined, next: T): T {
  if (current !== undefined) throw new Error('a fast-lane request takes one listener per event');
  return next;
}

/**
 * A response written in one go by `end`, on a keep-alive HTTP/1.1 connection of the Go reader:
 * with its Content-Length, or chunked without one (as Node sends a body whose head went first).
 */
export class LaneResponse implements ApiResponse {
  headersSent = false;
  destroyed = false;
  writableEnded = false;
  private status = 200;
  private readonly headers: [string, string][] = [];

  constructor(
    readonly socket: Socket,
    private readonly answered: () => void,
  ) {}

  setHeader(name: string, value: string | number): this {
    const lower = name.toLowerCase();
    const at = this.headers.findIndex(([n]) => n.toLowerCase() === lower);
    if (at >= 0) this.headers[at] = [name, String(value)];
    else this.headers.push([name, String(value)]);
    return this;
  }

  writeHead(status: number, headers: OutgoingHttpHeaders = {}): this {
    this.status = status;
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) throw new Error(`a fast-lane response takes one value per header (${name})`);
      this.setHeader(name, value);
    }
    return this;
  }

  end(body?: string | Buffer): this {
    if (this.writableEnded) return this;
    const chunked = !this.has('content-length');
    const head = this.head(chunked);
    this.writableEnded = true;
    this.headersSent = true;
    if (!this.socket.destroyed) {
      if (chunked) this.socket.write(Buffer.concat([Buffer.from(head, 'latin1'), ...chunk(body)]));
      else if (body === undefined || typeof body === 'string')
        this.socket.write(body === undefined ? head : head + body);
      else {
        const bytes = Buffer.allocUnsafe(head.length + body.length);
        bytes.write(head, 0, 'latin1');
        body.copy(bytes, head.length);
        this.socket.write(bytes);
      }
    }
    if (this.closes()) lingerClose(this.socket);
    else this.answered();
    return this;
  }

  destroy(): this {
    this.destroyed = true;
    this.socket.destroy();
    return this;
  }

  /** Node's head for this response on a keep-alive HTTP/1.1 connection. */
  private head(chunked: boolean): string {
    let text = `HTTP/1.1 ${this.status} ${STATUS_CODES[this.status] ?? 'unknown'}\r\n`;
    for (const [name, value] of this.headers) text += `${name}: ${value}\r\n`;
    if (!this.has('date')) text += `Date: ${utcDate()}\r\n`;
    if (!this.has('connection')) text += 'Connection: keep-alive\r\n';
    if (chunked) text += 'Transfer-Encoding: chunked\r\n';
    return `${text}\r\n`;
  }

  private has(lowerName: string): boolean {
    return this.headers.some(([n]) => n.toLowerCase() === lowerName);
  }

  private closes(): boolean {
    return this.headers.some(([n, v]) => n.toLowerCase() === 'connection' && /(?:^|\W)close(?:$|\W)/i.test(v));
  }
}

/** A whole body as one chunk and the last, as Node frames it. */
function chunk(body: string | Buffer | undefined): Buffer[] {
  const bytes = body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const last = Buffer.from('0\r\n\r\n', 'latin1');
  if (bytes.length === 0) return [last];
  return [Buffer.from(`${bytes.length.toString(16)}\r\n`, 'latin1'), bytes, Buffer.from('\r\n', 'latin1'), last];
}

let dateSecond = -1;
let dateText = '';

/** The Date header's text, made once a second (as Node's own is). */
function utcDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
