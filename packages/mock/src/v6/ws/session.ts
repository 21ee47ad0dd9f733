/**
 * One websocket client connection speaking the JSON client protocol: reads commands in order
 * (one message at a time, awaiting each command: token checks are async), writes replies and
 * pushes (messages queued in one turn of the event loop go out as one websocket message,
 * `\n`-joined: flush-queue.ts), and is the engine's `ConnectionSink` once connected, so API
 * publishes, joins and leaves, server subscribe/unsubscribe/disconnect/refresh reach it like any
 * connection. Close paths: the engine closes it (`close`), the session decides to
 * (`disconnect`, through the engine once registered, so others see its leaves), or the peer
 * goes away (`peerClosed`).
 */
import { randomUUID } from 'node:crypto';
import { checkJson } from '../../json/scan.js';
import { pushChannelOf } from '../encode/pushes.js';
import { close as closeConnections } from '../engine/connection-ops.js';
import type { Connection, ConnectionSink } from '../state/connections.js';
import type { NodeV6 } from '../state/node.js';
import { DISCONNECT, type Disconnect, type Outcome } from './codes.js';
import { decodeCommand } from './command.js';
import type { WsConfig } from './config.js';
import { dispatch } from './dispatch.js';
import { commandLines, joinMessages } from './frames.js';
import type { PushFaults } from './push-faults.js';
import { errorReply } from './replies.js';
import { Timers } from './timers.js';
import type { FlushQueue, Flushable } from './flush-queue.js';
import { framePongWaitMs, scheduleExpiry, startFramePings } from './keepalive.js';

/** The socket under a session. */
export interface Wire {
  /** Writes one ready-made websocket frame (frame-once.ts). */
  sendFrame(frame: Buffer): void;
  close(code: number, reason: string): void;
  /** Drops the connection without a close frame. */
  terminate(): void;
  pause(): void;
  resume(): void;
  /** A websocket ping frame (for `cf_ws_frame_ping_pong`). */
  ping(): void;
  readonly bufferedAmount: number;
}

/** What every session of one transport shares. */
export interface SessionContext {
  readonly node: NodeV6;
  readonly config: WsConfig;
  readonly faults: PushFaults;
  /** The last push text checked for JSON validity and the answer (a publication reaches many sessions). */
  lastCheckedPush: { text: string; valid: boolean };
  /** Called once the session is gone. */
  readonly onGone: (session: ClientSession) => void;
  /** Sends queued messages at the end of the event loop's turn. */
  readonly flushes: FlushQueue;
}

/** The server's wait before dropping a connection that sent a command after a failed connect. */
const UNUSABLE_DROP_MS = 5000;
const INBOX_PAUSE = 64;
const REFRESH_PUSH = '{"push":{"refresh"';

export class ClientSession implements ConnectionSink, Flushable {
  readonly id = randomUUID();
  readonly openedAt = Date.now();
  connection: Connection | undefined;
  unusable = false;
  /** Whether a ping was sent and its pong has not come. */
  pingOutstanding = false;
  readonly timers = new Timers();
  /** Subscription expiry (unix seconds) of client-side subscriptions made with an expiring token. */
  readonly subExpiry = new Map<string, number>();
  private closed = false;
  private reading = true;
  private readonly inbox: string[] = [];
  private draining = false;
  private outbox: string[] = [];
  private outboxBytes = 0;

  constructor(
    readonly ctx: SessionContext,
    private readonly wire: Wire,
    /** Websocket ping frames instead of `{}` pings (`?cf_ws_frame_ping_pong=true`). */
    readonly framePingPong = false,
  ) {
    this.timers.set('stale', ctx.config.staleCloseDelayMs, () => {
      if (this.connection === undefined || this.unusable) this.disconnect(DISCONNECT.stale);
    });
    if (framePingPong) startFramePings(this, wire);
  }

  /** A websocket pong frame came (frame ping-pong mode): the read deadline moves on. */
  framePong(): void {
    if (this.framePingPong && !this.closed)
      this.timers.set('frame-deadline', framePongWaitMs(this), () => this.gone(() => this.wire.terminate()));
  }

  /** Frame ping-pong mode: no pong in time ends the connection without a close frame, as a read deadline does. */
  frameDeadlineMissed(): void {
    if (!this.closed) this.gone(() => this.wire.terminate());
  }

  get node(): NodeV6 {
    return this.ctx.node;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** One websocket message from the client. */
  receive(message: string): void {
    if (!this.reading || this.closed) return;
    this.inbox.push(message);
    if (this.inbox.length > INBOX_PAUSE) this.wire.pause();
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.inbox.length > 0 && this.reading && !this.closed) {
        const message = this.inbox.shift() as string;
        if (this.inbox.length === INBOX_PAUSE / 2) this.wire.resume();
        await this.handleMessage(message);
      }
    } finally {
      this.draining = false;
    }
  }

  private async handleMessage(message: string): Promise<void> {
    const lines = commandLines(message);
    if (lines.length === 0) return this.disconnect(DISCONNECT.badRequest);
    for (const line of lines) {
      if (this.unusable) return this.dropUnusable();
      const cmd = decodeCommand(line);
      if (cmd === undefined) return this.disconnect(DISCONNECT.badRequest);
      const outcome = await dispatch(this, cmd);
      if (this.closed) return;
      if (!this.finish(cmd.id, outcome)) return;
    }
  }

  /** Applies a command's outcome; false when reading stops. */
  private finish(id: number, outcome: Outcome): boolean {
    if (outcome === undefined) return true;
    if ('disconnect' in outcome) {
      this.disconnect(outcome.disconnect);
      return false;
    }
    this.write(errorReply(id, outcome.error));
    return true;
  }

  /** After a failed connect the next command stops reading; the server drops the TCP connection 5 s later, no close frame. */
  private dropUnusable(): void {
    this.reading = false;
    this.timers.set('unusable', UNUSABLE_DROP_MS, () => this.gone(() => this.wire.terminate()));
  }

  /** Queues one protocol message (a reply or a push). */
  write(message: string): void {
    if (this.closed) return;
    this.outbox.push(message);
    this.outboxBytes += message.length;
    if (this.outboxBytes > this.ctx.config.queueMaxSize) return this.slow();
    if (this.outbox.length === 1) this.ctx.flushes.add(this);
  }

  /** Sends what is queued, as one websocket message; past `client.queue_max_size` unsent bytes the reader is too slow (3008). */
  flush(): void {
    if (this.outbox.length === 0 || this.closed) return;
    if (this.outboxBytes + this.wire.bufferedAmount > this.ctx.config.queueMaxSize) return this.slow();
    const message = joinMessages(this.outbox);
    this.outbox = [];
    this.outboxBytes = 0;
    this.wire.sendFrame(this.ctx.flushes.frames.frame(message));
  }

  private slow(): void {
    this.outbox = [];
    this.outboxBytes = 0;
    this.disconnect(DISCONNECT.slow);
  }

  /** ConnectionSink: a push from the engine. Not JSON (binary data published) → 3506; faults may delay or drop it. */
  push(json: string): void {
    if (this.closed) return;
    const last = this.ctx.lastCheckedPush;
    if (last.text !== json) this.ctx.lastCheckedPush = { text: json, valid: checkJson(json) === undefined };
    if (!this.ctx.lastCheckedPush.valid) return this.disconnect(DISCONNECT.inappropriateProtocol);
    // a server-side refresh moved the expiry (the engine updated `expireAt` before pushing this)
    if (json.startsWith(REFRESH_PUSH)) scheduleExpiry(this);
    if (!this.ctx.faults.active) return this.write(json);
    const verdict = this.ctx.faults.take(pushChannelOf(json), this.id);
    if (verdict.drop) return;
    if (verdict.delayMs === 0) return this.write(json);
    setTimeout(() => this.write(json), verdict.delayMs).unref();
  }

  /** ConnectionSink: the engine closed this connection (it is out of the registry already). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    const quiet = code === DISCONNECT.connectionClosed.code;
    if (!quiet && code !== DISCONNECT.slow.code) this.flush();
    this.gone(() => (quiet ? this.wire.terminate() : this.wire.close(code, reason)));
  }

  /** Ends the connection with a disconnect code: through the engine once connected (leaves, counts). */
  disconnect(d: Disconnect): void {
    if (this.closed) return;
    if (this.connection !== undefined && this.node.connections.get(this.connection.client) === this.connection) {
      closeConnections(this.node, [this.connection], d.code, d.reason);
    } else this.close(d.code, d.reason);
  }

  /** The socket closed from the other side. */
  peerClosed(): void {
    this.reading = false;
    if (!this.closed) this.disconnect(DISCONNECT.connectionClosed);
  }

  private gone(end: () => void): void {
    this.closed = true;
    this.reading = false;
    this.timers.clearAll();
    this.outbox = [];
    end();
    this.ctx.onGone(this);
  }
}
