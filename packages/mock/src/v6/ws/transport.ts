/**
 * `/connection/websocket` of the v6 mock: takes the HTTP requests and upgrades an HTTP server
 * routes to it, runs the handshake checks, hands accepted sockets (npm `ws`, no compression,
 * `websocket.message_size_limit` per message → close 1009) to a `ClientSession` each, and gives
 * the controls over them: list the connections, drop one with a code, delay or drop pushes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Ws from 'ws';
import type { WebSocket, WebSocketServer } from 'ws';
import { MockUsageError } from '../../errors.js';
import { lazyModule } from '../../lazy-module.js';
import type { MockLogger } from '../../logger.js';
import type { CentrifugoV6Config } from '../config/types.js';
import type { NodeV6 } from '../state/node.js';
import { DISCONNECT } from './codes.js';
import { readWsConfig, type WsConfig } from './config.js';
import { checkHandshake, refusalBytes, selectProtocol, type Accepted } from './handshake.js';
import { FlushQueue } from './flush-queue.js';
import { PushFaults } from './push-faults.js';
import { ClientSession, type SessionContext, type Wire } from './session.js';

const ws = lazyModule<typeof Ws>('ws');

/** A websocket connection as the control API lists it. */
export interface WsConnectionInfo {
  readonly client: string;
  /** Empty until the client connected (sent a good `connect`). */
  readonly user: string;
  readonly connected: boolean;
  readonly channels: readonly string[];
  /** Unix seconds; 0: never. */
  readonly expireAt: number;
}

export class WebsocketTransport {
  readonly config: WsConfig;
  readonly faults = new PushFaults();
  private readonly sessions = new Set<ClientSession>();
  /** Made at the first upgrade (`lazy-module.ts`). */
  private wssMade: WebSocketServer | undefined;
  private readonly ctx: SessionContext;

  constructor(
    readonly node: NodeV6,
    input: CentrifugoV6Config | undefined,
    private readonly logger: MockLogger = node.logger,
  ) {
    this.config = readWsConfig(input);
    this.ctx = {
      node,
      config: this.config,
      faults: this.faults,
      lastCheckedPush: { text: '', valid: true },
      onGone: (s) => this.sessions.delete(s),
      flushes: new FlushQueue(),
    };
  }

  private get wss(): WebSocketServer {
    this.wssMade ??= new (ws().WebSocketServer)({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      skipUTF8Validation: true,
      maxPayload: this.config.messageSizeLimit,
      handleProtocols: (offered) => selectProtocol(offered) ?? false,
    });
    return this.wssMade;
  }

  /** Whether a request path (no query) is this endpoint. */
  handles(path: string): boolean {
    return path === this.config.path;
  }

  /** A plain HTTP request to the endpoint: the refusal the server answers (it is not an upgrade). */
  handleRequest(req: IncomingMessage, res: ServerResponse, query: string): void {
    const r = checkHandshake(this.config, req.method ?? 'GET', query, req.headers);
    if (!('status' in r)) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad Request\n');
      return;
    }
    res.writeHead(r.status, [...r.headers.flat(), 'Content-Length', String(Buffer.byteLength(r.body))]).end(r.body);
  }

  /** An upgrade request to the endpoint. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, query: string): void {
    const r = checkHandshake(this.config, req.method ?? 'GET', query, req.headers);
    if ('status' in r) {
      if (r.status === 400 && r.body.includes('protobuf'))
        this.logger.warn('a client asked for the protobuf client protocol: the mock speaks JSON only');
      socket.end(refusalBytes(r, new Date().toUTCString()));
      return;
    }
    const accepted: Accepted = r;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, socket, accepted));
  }

  private open(ws: WebSocket, socket: Duplex, accepted: Accepted): void {
    const wire: Wire = {
      sendFrame: (frame) => {
        if (ws.readyState === ws.OPEN) socket.write(frame);
      },
      close: (code, reason) => {
        // ws refuses codes outside 1000-1014/3000-4999 and reasons over 123 bytes; the server
        // cannot send an over-long close frame either and drops the connection without one.
        try {
          ws.close(code, reason);
        } catch {
          this.logger.warn(
            `close code ${code} (or its reason) cannot go in a websocket close frame: connection dropped without one`,
          );
          ws.terminate();
        }
      },
      terminate: () => ws.terminate(),
      pause: () => ws.pause(),
      resume: () => ws.resume(),
      ping: () => ws.ping(),
      get bufferedAmount() {
        return socket.writableLength;
      },
    };
    const session = new ClientSession(this.ctx, wire, accepted.framePingPong);
    this.sessions.add(session);
    ws.on('message', (data: Buffer) => session.receive(data.toString('utf8')));
    ws.on('pong', () => session.framePong());
    ws.on('error', (err) => this.logger.debug(`websocket error: ${err.message}`));
    ws.on('close', () => session.peerClosed());
  }

  /** The websocket connections, in the order they opened. */
  list(): WsConnectionInfo[] {
    return [...this.sessions].map((s) => {
      const c = s.connection;
      return {
        client: s.id,
        user: c?.user ?? '',
        connected: c !== undefined,
        channels: c === undefined ? [] : [...c.subs.keys()],
        expireAt: c?.expireAt ?? 0,
      };
    });
  }

  /** Closes one connection with a disconnect code (3000-4999) and reason (as a server disconnect would); false when unknown. */
  drop(
    client: string,
    code: number = DISCONNECT.forceDisconnect.code,
    reason: string = DISCONNECT.forceDisconnect.reason,
  ): boolean {
    if (!Number.isInteger(code) || code < 3000 || code > 4999)
      throw new MockUsageError('invalid_code', `a disconnect code is 3000-4999, got ${String(code)}`);
    if (typeof reason !== 'string' || Buffer.byteLength(reason) > 123)
      throw new MockUsageError('invalid_reason', 'a disconnect reason is a string of at most 123 bytes');
    const s = [...this.sessions].find((x) => x.id === client);
    if (s === undefined) return false;
    s.disconnect({ code, reason });
    return true;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Back to a fresh server: every connection closed with 3001 `shutdown` (as a restart; the SDK reconnects), no push faults. */
  reset(): void {
    for (const s of [...this.sessions]) s.disconnect(DISCONNECT.shutdown);
    this.faults.clear();
  }

  /** Drops every connection (no close frames: the server is going away) and forgets the faults. */
  close(): void {
    for (const s of [...this.sessions]) s.disconnect(DISCONNECT.connectionClosed);
    this.faults.clear();
  }
}
