/**
 * One HTTP request, never rejecting: it reports the reply, or the failure together with what is
 * known about how far the request got (the facts the retry rules need), or that the reply was
 * bigger than the cap (then nothing past the cap was kept and the connection is destroyed).
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { StopSignal } from './call-scope.js';

/** Where requests go, worked out once per client from its URL (`urlToHttpOptions`). */
export interface Target {
  /** `http.request` or `https.request`. */
  send: typeof http.request;
  agent: http.Agent;
  protocol: string;
  hostname: string;
  port: number | undefined;
  auth: string | undefined;
  /** The HTTP method of every request (`POST`). */
  method: string;
}

export interface AttemptRequest {
  target: Target;
  /** Path and query of this request. */
  path: string;
  /** A string, so that Node writes headers and body in one piece. */
  body: string;
  headers: Record<string, string>;
  stop: StopSignal;
  /** Bytes of reply body kept at most; past it the attempt ends as `too-large`. */
  maxReplyBytes: number;
}

export type AttemptResult =
  | { kind: 'reply'; status: number; body: Buffer }
  | { kind: 'too-large'; status: number; declared: number | undefined; received: number }
  | {
      kind: 'failure';
      error: unknown;
      /** We stopped the attempt (timeout or abort). */
      stopped: boolean;
      /** A TCP (and TLS) connection was open when it failed. */
      connected: boolean;
      /** The connection came from the keep-alive pool. */
      reusedSocket: boolean;
      /**
       * Some byte of the request was handed to the operating system, so the server may have
       * received all of it. False when nothing was written, e.g. the pooled connection was already
       * closed at our end when the request got it (Go's net/http: `nothingWrittenError`).
       */
      written: boolean;
      /** Some byte of the reply had arrived. */
      replyStarted: boolean;
    };

function stoppedError(): Error {
  return Object.assign(new Error('stopped by the client'), { code: 'ABORT_ERR' });
}

/**
 * Bytes the socket has handed to the OS (`handle.bytesWritten`, kept after `destroy()`), or
 * undefined when Node does not expose it; then a failure counts as "may have been written".
 * The public `bytesWritten` also counts what still waits in the stream's buffer.
 */
function dispatched(socket: Socket): number | undefined {
  const value = (socket as { _bytesDispatched?: unknown })._bytesDispatched;
  return typeof value === 'number' ? value : undefined;
}

export function sendOnce(request: AttemptRequest): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let connected = false;
    let reusedSocket = false;
    let replyStarted = false;
    let socket: Socket | undefined;
    let bytesBefore = 0;
    let dispatchedBefore: number | undefined;
    let settled = false;
    let req: http.ClientRequest | undefined;
    const onConnect = (): void => {
      connected = true;
    };
    const cleanup = (): void => {
      request.stop.onStop(undefined);
      socket?.removeListener('connect', onConnect);
      socket?.removeListener('secureConnect', onConnect);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      let written = connected;
      if (socket !== undefined) {
        // Reply bytes arrived on the socket (a keep-alive socket has read earlier replies).
        if (socket.bytesRead > bytesBefore) replyStarted = true;
        const after = dispatched(socket);
        if (dispatchedBefore !== undefined && after !== undefined) written = after > dispatchedBefore;
      }
      resolve({
        kind: 'failure',
        error,
        stopped: request.stop.stopped,
        connected,
        reusedSocket,
        written,
        replyStarted,
      });
    };
    const succeed = (status: number, body: Buffer): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ kind: 'reply', status, body });
    };
    const tooLarge = (status: number, declared: number | undefined, received: number): void => {
      if (settled) return;
      settled = true;
      cleanup();
      // Not back to the pool: the rest of the body would still be on its way.
      req?.destroy();
      resolve({ kind: 'too-large', status, declared, received });
    };

    if (request.stop.stopped) return fail(stoppedError());
    try {
      // A fixed-shape literal of just what Node reads. Passing the URL makes Node run
      // urlToHttpOptions for every request; spreading a stored copy of its result (href, hash,
      // search...) measured ~5 µs of client CPU more per request than this literal.
      const t = request.target;
      req = t.send({
        protocol: t.protocol,
        hostname: t.hostname,
        port: t.port,
        path: request.path,
        auth: t.auth,
        method: t.method,
        agent: t.agent,
        headers: request.headers,
      });
    } catch (error) {
      return fail(error);
    }
    const sent = req;
    request.stop.onStop(() => sent.destroy(stoppedError()));

    sent.on('socket', (s: Socket) => {
      socket = s;
      reusedSocket = sent.reusedSocket;
      // A fresh socket is still connecting here, or already destroyed (a DNS lookup that failed at once).
      if (reusedSocket || (!s.connecting && !s.destroyed && s.readyState === 'open')) connected = true;
      else if (s.connecting) s.once('encrypted' in s ? 'secureConnect' : 'connect', onConnect);
      // Compared when it fails, instead of a 'data' listener on the socket for every request.
      // Node emits 'socket' before it writes the request, so these are the counts before it.
      bytesBefore = s.bytesRead;
      dispatchedBefore = dispatched(s);
    });
    sent.on('response', (res) => {
      replyStarted = true;
      const status = res.statusCode ?? 0;
      const limit = request.maxReplyBytes;
      const declared = Number(res.headers['content-length']);
      if (declared > limit) return tooLarge(status, declared, 0);
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) tooLarge(status, undefined, received);
        else chunks.push(chunk);
      });
      res.on('end', () => {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        succeed(status, body);
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete)
          fail(Object.assign(new Error('the connection closed in the middle of the reply'), { code: 'ECONNRESET' }));
      });
    });
    sent.on('error', fail);
    sent.end(request.body);
  });
}
