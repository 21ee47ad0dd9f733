/**
 * A small Centrifugo 1.8 stand-in for the client tests: it checks the request the way the real
 * handler does (server spec §1.2-1.4, §2, §3) and lets each test script its answers.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  httpMethod: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  mode: 'json' | 'form';
  data: string;
  sign: string;
  signValid: boolean;
  /** Which connection carried it (1, 2, ...), and its place on that connection (1 = first). */
  connection: number;
  requestOnConnection: number;
}

/** What to do with one request. Without `status`/`body`/`drop`: behave like Centrifugo, after `delay`. */
export interface Scripted {
  status?: number;
  /** A string or a Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  delay?: number;
  /** Extra headers of a scripted `status`/`body` reply. */
  headers?: Record<string, string>;
  /** `reset`: RST the connection without a reply; `close`: close it (FIN); `half`: send half a reply, then reset. */
  drop?: 'reset' | 'close' | 'half';
}

export type Script = Scripted | ((request: RecordedRequest) => Scripted);

type Item = { method: string; error: string | null; advice?: string; body: unknown };
export type CommandHandler = (method: string, params: unknown, index: number) => Item;

const KNOWN = new Set([
  'publish',
  'broadcast',
  'unsubscribe',
  'disconnect',
  'presence',
  'history',
  'channels',
  'stats',
  'node',
]);

function defaultHandler(method: string, params: unknown): Item {
  const channel = (params as { channel?: unknown } | null)?.channel;
  switch (method) {
    case 'history':
      return { method, error: null, body: { channel, data: [] } };
    case 'presence':
      return { method, error: null, body: { channel, data: {} } };
    case 'channels':
      return { method, error: null, body: { data: [] } };
    case 'stats':
      return { method, error: null, body: { data: { nodes: [], metrics_interval: 60 } } };
    default:
      return { method, error: null, body: null };
  }
}

export class FakeCentrifugo {
  readonly requests: RecordedRequest[] = [];
  onCommand: CommandHandler = defaultHandler;
  readonly #server: http.Server;
  readonly #secret: string;
  readonly #insecure: boolean;
  readonly #prefix: string;
  readonly #scripts: Script[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #connectionIds = new WeakMap<Socket, { id: number; count: number }>();
  #connections = 0;

  private constructor(options: { secret: string; insecure: boolean; prefix: string }) {
    this.#secret = options.secret;
    this.#insecure = options.insecure;
    this.#prefix = options.prefix;
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      this.#connectionIds.set(socket, { id: ++this.#connections, count: 0 });
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(options: { secret: string; insecure?: boolean; prefix?: string }): Promise<FakeCentrifugo> {
    const fake = FakeCentrifugo.create(options);
    await fake.listen();
    return fake;
  }

  /** A fake that is not listening yet (`listen()` starts it): for a suite that needs the object before its `beforeAll`. */
  static create(options: { secret: string; insecure?: boolean; prefix?: string }): FakeCentrifugo {
    return new FakeCentrifugo({
      secret: options.secret,
      insecure: options.insecure ?? false,
      prefix: options.prefix ?? '',
    });
  }

  /** Listens on a free port of 127.0.0.1. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  /** Connections open right now. */
  get openConnections(): number {
    return this.#sockets.size;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  get address(): string {
    return `http://127.0.0.1:${this.port}${this.#prefix}`;
  }

  /** Queue answers: the next requests get them, one each, in order. */
  script(...scripts: Script[]): this {
    this.#scripts.push(...scripts);
    return this;
  }

  /** Forget requests, scripts and the command handler (between tests). */
  reset(): void {
    this.requests.length = 0;
    this.#scripts.length = 0;
    this.onCommand = defaultHandler;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const conn = this.#connectionIds.get(req.socket) ?? { id: 0, count: 0 };
    conn.count += 1;
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
    let data: string;
    let sign: string;
    if (json) {
      data = body;
      sign = String(req.headers['x-api-sign'] ?? '');
    } else {
      const form = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
        ? new URLSearchParams(body)
        : new URLSearchParams();
      data = form.get('data') ?? url.searchParams.get('data') ?? '';
      sign = form.get('sign') ?? url.searchParams.get('sign') ?? '';
    }
    const expected = createHmac('sha256', this.#secret).update(data).digest('hex');
    const record: RecordedRequest = {
      httpMethod: req.method ?? '',
      path: url.pathname,
      headers: req.headers,
      body,
      mode: json ? 'json' : 'form',
      data,
      sign,
      signValid: sign.length === 64 && sign === expected,
      connection: conn.id,
      requestOnConnection: conn.count,
    };
    this.requests.push(record);

    const next = this.#scripts.shift();
    const scripted = typeof next === 'function' ? next(record) : (next ?? {});
    if (scripted.delay !== undefined) await new Promise((r) => setTimeout(r, scripted.delay));
    if (res.destroyed) return;
    if (scripted.drop === 'reset') return void req.socket.resetAndDestroy();
    if (scripted.drop === 'close') return void req.socket.destroy();
    if (scripted.drop === 'half') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('[{"method":');
      setTimeout(() => req.socket.resetAndDestroy(), 10);
      return;
    }
    if (scripted.status !== undefined || scripted.body !== undefined) {
      const text =
        typeof scripted.body === 'string' || Buffer.isBuffer(scripted.body)
          ? scripted.body
          : JSON.stringify(scripted.body ?? null);
      res.writeHead(scripted.status ?? 200, { 'Content-Type': 'application/json', ...scripted.headers });
      return void res.end(text);
    }
    this.#behave(record, res);
  }

  /** Centrifugo 1.8's checks and dispatch (§1.3, §2, §3). */
  #behave(record: RecordedRequest, res: http.ServerResponse): void {
    const error = (status: number, text: string): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${text}\n`);
    };
    if (record.path !== `${this.#prefix}/api/` && !record.path.startsWith(`${this.#prefix}/api/`)) {
      return error(404, '404 page not found');
    }
    if (!this.#insecure && record.sign === '') return error(400, 'Bad Request');
    if (record.data === '') return error(400, 'Bad Request');
    if (!this.#insecure && !record.signValid) return error(401, 'Unauthorized');
    const first = record.data[0];
    if (first !== '[' && first !== '{') return error(400, 'Bad Request');
    let parsed: unknown;
    try {
      parsed = JSON.parse(record.data);
    } catch {
      return error(400, 'Bad Request');
    }
    const commands = Array.isArray(parsed) ? parsed : [parsed];
    const items: Item[] = [];
    for (const [index, command] of commands.entries()) {
      const { method, params } = (command ?? {}) as { method?: unknown; params?: unknown };
      // Hard errors: the whole request fails, the commands before it have run (§3).
      if (typeof method !== 'string' || !KNOWN.has(method)) return error(400, 'Bad Request');
      if (method === 'publish') {
        const p = params as { channel?: unknown; data?: unknown } | null;
        if (typeof p?.channel !== 'string' || p.channel === '' || !('data' in p)) return error(400, 'Bad Request');
      }
      items.push(this.onCommand(method, params, index));
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(items));
  }
}
