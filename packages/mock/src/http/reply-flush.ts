/**
 * API replies leave together at the end of the event-loop turn that read their requests,
 * instead of one by one as each request is handled.
 *
 * Why: a client that has sent its request sleeps until the reply arrives, and a reply written
 * to a sleeping client pays for waking it (on a VM, an interrupt to the other CPU), inside the
 * mock's own `writev`. Written one by one under load, nearly every reply wakes the client
 * again (measured: 0.9 client context switches per request); written in a burst after the
 * turn, the first reply wakes it and the rest arrive while it runs (0.04). The replies wait
 * for nothing but the end of the current turn: `setImmediate` runs right after the poll phase.
 *
 * `setImmediate` is the one from `node:timers`, not the global: fake timers in an app's test
 * (vitest's `useFakeTimers` replaces the global) must not hold the mock's replies back.
 */
import type { ServerResponse } from 'node:http';
import { setImmediate } from 'node:timers';

export interface Reply {
  readonly body: Buffer;
  readonly headers: { readonly 'Content-Type': string; readonly 'Content-Length': number };
}

let responses: ServerResponse[] = [];
let replies: Reply[] = [];

/** Sends `reply` with status 200 at the end of this event-loop turn, in the order queued. */
export function queueReply(res: ServerResponse, reply: Reply): void {
  if (responses.push(res) === 1) setImmediate(flushReplies);
  replies.push(reply);
}

function flushReplies(): void {
  const due = responses;
  const dueReplies = replies;
  responses = [];
  replies = [];
  for (let i = 0; i < due.length; i += 1) {
    const res = due[i] as ServerResponse;
    // The client may have gone (or the mock closed its connections) since the reply was queued.
    if (res.destroyed || res.writableEnded) continue;
    const reply = dueReplies[i] as Reply;
    try {
      res.writeHead(200, reply.headers);
      res.end(reply.body);
    } catch (err) {
      // Outside any request's handler now: one broken response must neither throw out of the
      // event loop nor keep the replies after it from going out.
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
