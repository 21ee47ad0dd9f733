/**
 * One HTTP POST, never rejecting: it reports the reply, or the failure together with what is
 * known about how far the request got (the facts the retry rules need).
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { StopSignal } from './call-scope.js';

export interface AttemptRequest {
  /** `http.request` or `https.request`. */
  send: typeof http.request;
  /** Everything but the headers, worked out once per client (no URL parsing per request). */
  options: http.RequestOptions;
  /** A string, so that Node writes headers and body in one piece. */
  body: string;
  headers: Record<string, string>;
  stop: StopSignal;
}

export type AttemptResult =
  | { kind: 'reply'; status: number; body: string }
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
    let settled = false;
    const onData = (): void => {
      replyStarted = true;
    };
    const onConnect = (): void => {
      connected = true;
    };
    const cleanup = (): void => {
      request.stop.onStop(undefined);
      socket?.removeListener('data', onData);
      socket?.removeListener('connect', onConnect);
      socket?.removeListener('secureConnect', onConnect);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ kind: 'failure', error, stopped: request.stop.stopped, connected, reusedSocket, replyStarted });
    };
    const succeed = (status: number, body: string): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ kind: 'reply', status, body });
    };

    if (request.stop.stopped) return fail(stoppedError());
    let req: http.ClientRequest;
    try {
      req = request.send({ ...request.options, headers: request.headers });
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
      s.on('data', onData);
    });
    req.on('response', (res) => {
      replyStarted = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        succeed(res.statusCode ?? 0, body.toString('utf8'));
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
