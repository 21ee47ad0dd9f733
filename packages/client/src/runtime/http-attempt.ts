/**
 * One HTTP POST, never rejecting: it reports the reply, or the failure together with what is
 * known about how far the request got (the facts the retry rules need).
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { StopSignal } from './call-scope.js';

/** Where requests go, worked out once per client from the API URL (`urlToHttpOptions`). */
export interface Target {
  /** `http.request` or `https.request`. */
  send: typeof http.request;
  agent: http.Agent;
  protocol: string;
  hostname: string;
  port: number | undefined;
  path: string;
  auth: string | undefined;
}

export interface AttemptRequest {
  target: Target;
  /** A string, so that Node writes headers and body in one piece. */
  body: string;
  headers: Record<string, string>;
  stop: StopSignal;
}

export type AttemptResult =
  | { kind: 'reply'; status: number; body: Buffer }
  | {
      kind: 'failure';
      error: unknown;
      /** We stopped the attempt (timeout or abort). */
      stopped: boolean;
      /** A TCP (and TLS) connection was open when it failed. */
      connected: boolean;
      /** The connection came from the keep-alive pool. */
      reusedSocket: boolean;
      /** Some byte of the reply had arrived. */
      replyStarted: boolean;
    };

function stoppedError(): Error {
  return Object.assign(new Error('stopped by the client'), { code: 'ABORT_ERR' });
}

export function postOnce(request: AttemptRequest): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let connected = false;
    let reusedSocket = false;
    let replyStarted = false;
    let socket: Socket | undefined;
    let bytesBefore = 0;
    let settled = false;
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
      // Reply bytes arrived on the socket (a keep-alive socket has read earlier replies).
      if (socket !== undefined && socket.bytesRead > bytesBefore) replyStarted = true;
      resolve({ kind: 'failure', error, stopped: request.stop.stopped, connected, reusedSocket, replyStarted });
    };
    const succeed = (status: number, body: Buffer): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ kind: 'reply', status, body });
    };

    if (request.stop.stopped) return fail(stoppedError());
    let req: http.ClientRequest;
    try {
      // A fixed-shape literal of just what Node reads. Passing the URL makes Node run
      // urlToHttpOptions for every request; spreading a stored copy of its result (href, hash,
      // search...) measured ~5 µs of client CPU more per request than this literal.
      const t = request.target;
      req = t.send({
        protocol: t.protocol,
        hostname: t.hostname,
        port: t.port,
        path: t.path,
        auth: t.auth,
        method: 'POST',
        agent: t.agent,
        headers: request.headers,
      });
    } catch (error) {
      return fail(error);
    }
    request.stop.onStop(() => req.destroy(stoppedError()));

    req.on('socket', (s: Socket) => {
      socket = s;
      reusedSocket = req.reusedSocket;
      // A fresh socket is still connecting here, or already destroyed (a DNS lookup that failed at once).
      if (reusedSocket || (!s.connecting && !s.destroyed && s.readyState === 'open')) connected = true;
      else if (s.connecting) s.once('encrypted' in s ? 'secureConnect' : 'connect', onConnect);
      // Compared when it fails, instead of a 'data' listener on the socket for every request.
      bytesBefore = s.bytesRead;
    });
    req.on('response', (res) => {
      replyStarted = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        succeed(res.statusCode ?? 0, body);
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(Object.assign(new Error('the connection closed in the middle of the reply'), { code: 'ECONNRESET' }));
      });
    });
    req.on('error', fail);
    req.end(request.body);
  });
}
