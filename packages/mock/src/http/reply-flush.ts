/**
 * A server's API replies: at once while a single client connection is getting them, together at
 * the end of the event-loop turn when more are (a connection counts from its first reply until
 * it closes; each server has its own queue).
 *
 * Why together: a client that has sent its request sleeps until the reply arrives, and a reply
 * written to a sleeping client pays for waking it (on a VM, an interrupt to the other CPU), inside
 * the mock's own `writev`. Written one by one under load, nearly every reply wakes the client
 * again (measured: 0.9 client context switches per request); written in a burst after the turn,
 * the first reply wakes it and the rest arrive while it runs (0.04): +20% at 32 connections.
 * Why at once otherwise: with one connection there is nothing to batch, and holding the reply to
 * the end of the turn cost ~11% of the rate (bench/mock.bench.js, c=1 beside c=32). Deciding by
 * the replies of the turn before instead flapped under load (a turn with one reply switched the
 * next to writing at once, which woke the client more, which made more such turns: -20% at 32).
 *
 * `setImmediate` is the one from `node:timers`, not the global: fake timers in an app's test
 * (vitest's `useFakeTimers` replaces the global) must not hold the mock's replies back.
 */
import type { ApiResponse } from './exchange.js';
import type { Socket } from 'node:net';
import { setImmediate } from 'node:timers';

export interface Reply {
  readonly body: Buffer;
  readonly headers: { readonly 'Content-Type': string; readonly 'Content-Length': number };
}

/** A 200 JSON reply's body and headers. */
export function jsonBytesReply(body: Buffer): Reply {
  return { body, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } };
}

/** Replies up to this many characters are kept for the next request (a plain publish reply is ~60). */
const KEEP_MAX = 256;

export class ReplyFlush {
  /** The last short JSON reply and its bytes and headers: most replies of a run are the same text. */
  private lastJson: string | undefined;
  private lastReply: Reply | undefined;
  private responses: ApiResponse[] = [];
  private replies: Reply[] = [];
  /** Connections that have had a reply and are still open: one means no batching. */
  private connections = 0;
  private readonly counted = new WeakSet<Socket>();
  private readonly flush = (): void => {
    const due = this.responses;
    const dueReplies = this.replies;
    this.responses = [];
    this.replies = [];
    for (let i = 0; i < due.length; i += 1) send(due[i] as ApiResponse, dueReplies[i] as Reply);
  };

  /** The reply for `json` (UTF-8); the last short one is made once, and never mutated. */
  jsonReply(json: string): Reply {
    if (json === this.lastJson) return this.lastReply as Reply;
    const reply = jsonBytesReply(Buffer.from(json, 'utf8'));
    if (json.length <= KEEP_MAX) {
      this.lastJson = json;
      this.lastReply = reply;
    }
    return reply;
  }

  /** Sends `reply` with status 200: now with one connection getting replies, else at the end of this event-loop turn (in order). */
  queue(res: ApiResponse, reply: Reply): void {
    const socket = res.socket;
    if (socket !== null && !this.counted.has(socket)) this.count(socket);
    if (this.connections <= 1 && this.responses.length === 0) return send(res, reply);
    if (this.responses.push(res) === 1) setImmediate(this.flush);
    this.replies.push(reply);
  }

  private count(socket: Socket): void {
    this.counted.add(socket);
    this.connections += 1;
    socket.once('close', () => {
      this.connections -= 1;
    });
  }
}

function send(res: ApiResponse, reply: Reply): void {
  // The client may have gone (or the mock closed its connections) since the reply was queued.
  if (res.destroyed || res.writableEnded) return;
  try {
    res.writeHead(200, reply.headers);
    res.end(reply.body);
  } catch (err) {
    // Outside any request's handler now: one broken response must neither throw out of the
    // event loop nor keep the replies after it from going out.
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
