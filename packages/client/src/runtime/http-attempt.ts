/**
 * One HTTP POST, never rejecting: it reports the reply, or the failure together with what is
 * known about how far the request got (the facts the retry rules need).
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export interface AttemptRequest {
  url: URL;
  body: Buffer;
  headers: Record<string, string>;
  agent: http.Agent;
  signal: AbortSignal;
}

export type AttemptResult =
  | { kind: 'reply'; status: number; body: string }
  | {
      kind: 'failure';
      error: unknown;
      /** Our signal stopped the attempt (timeout or abort). */
      stopped: boolean;
      /** A TCP (and TLS) connection was open when it failed. */
      connected: boolean;
      /** The connection came from the keep-alive pool. */
      reusedSocket: boolean;
      /** Some byte of the reply had arrived. */
      replyStarted: boolean;
    };

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
      request.signal.removeEventListener('abort', onAbort);
      socket?.removeListener('data', onData);
      socket?.removeListener('connect', onConnect);
      socket?.removeListener('secureConnect', onConnect);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ kind: 'failure', error, stopped: request.signal.aborted, connected, reusedSocket, replyStarted });
    };
    const succeed = (status: number, body: string): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ kind: 'reply', status, body });
    };

    if (request.signal.aborted) return fail(request.signal.reason);
    let req: http.ClientRequest;
    try {
      const send = request.url.protocol === 'https:' ? https.request : http.request;
      req = send(request.url, { method: 'POST', agent: request.agent, headers: request.headers });
    } catch (error) {
      return fail(error);
    }
    function onAbort(): void {
      req.destroy(Object.assign(new Error('stopped by the client'), { code: 'ABORT_ERR' }));
    }
    request.signal.addEventListener('abort', onAbort, { once: true });

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
      res.on('end', () => succeed(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(Object.assign(new Error('the connection closed in the middle of the reply'), { code: 'ECONNRESET' }));
      });
    });
    req.on('error', fail);
    req.end(request.body);
  });
}
