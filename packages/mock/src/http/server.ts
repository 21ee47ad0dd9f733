/**
 * The node:http server: routing, timeouts against slow or vanishing clients, Go-like answers to
 * malformed HTTP, and a graceful close (API requests get 503 once closing has begun).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ControlTarget } from '../control/control-target.js';
import { handleControl } from '../control/http-control.js';
import { handleApi, type ApiContext } from './api-handler.js';
import { sniffConnections } from './connection-sniff.js';
import { checkRequestHead, GO_BAD_REQUEST, GO_HEADERS_TOO_LARGE, GO_MAX_HEADER_BYTES } from './go-server-answers.js';
import { sendNotFound, sendOptionsStar, sendRawAndClose, sendRedirect, sendStar } from './responses.js';
import { route } from './route.js';

export interface ServerTimeouts {
  /** Time to receive all request headers (default 10 s). */
  readonly headersMs?: number;
  /** Time to receive the whole request (default 60 s). */
  readonly requestMs?: number;
  /** Idle keep-alive connections are closed after this (default 5 s). */
  readonly keepAliveMs?: number;
}

export interface ServerSetup {
  readonly api: ApiContext;
  readonly control: ControlTarget | undefined;
  readonly timeouts?: ServerTimeouts;
  /** Called with one line per request once it is answered (method, path without the query, status, time). */
  readonly requestLog?: (line: string) => void;
}


/** One line per request, without the query (it may hold data); raw answers show as closed. */
function logWhenDone(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const started = performance.now();
  const url = req.url ?? '';
  const q = url.indexOf('?');
  res.once('close', () => {
    const answer = res.writableFinished ? String(res.statusCode) : 'closed without an answer from a handler';
    log(`${req.method ?? ''} ${q < 0 ? url : url.slice(0, q)} ${answer} ${(performance.now() - started).toFixed(1)} ms`);
  });
}

export function createMockServer(setup: ServerSetup): Server {
  const prefix = setup.api.node.config.httpPrefix;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (setup.requestLog !== undefined) logWhenDone(req, res, setup.requestLog);
    const refused = checkRequestHead(req.httpVersion, req.method ?? 'GET', req.url ?? '', req.rawHeaders);
    if (refused !== undefined) return sendRawAndClose(res, refused);
    const r = route(req.method ?? 'GET', req.url ?? '/', prefix, setup.control !== undefined);
    switch (r.kind) {
      case 'api':
        return handleApi(setup.api, req, res, r.query);
      case 'control':
        if (setup.control) void handleControl(setup.control, setup.api.budget, req, res, r.path, r.query);
        return;
      case 'redirect':
        return sendRedirect(res, req.method ?? 'GET', r.location);
      case 'not-found':
        return sendNotFound(res);
      case 'bad-request':
        return sendRawAndClose(res, GO_BAD_REQUEST);
      case 'options-star':
        return sendOptionsStar(res);
      case 'star':
        return sendStar(res, req.httpVersion !== '1.0');
    }
  };
  const server = createServer(
    {
      requestTimeout: setup.timeouts?.requestMs ?? 60_000,
      headersTimeout: setup.timeouts?.headersMs ?? 10_000,
      keepAliveTimeout: setup.timeouts?.keepAliveMs ?? 5_000,
      connectionsCheckingInterval: 1_000,
      // Go's limit on the request line and headers, and its checks of Host (checkRequestHead).
      maxHeaderSize: GO_MAX_HEADER_BYTES,
      requireHostHeader: false,
    },
    onRequest,
  );
  sniffConnections(server, {
    onRequest,
    headersMs: setup.timeouts?.headersMs ?? 10_000,
    requestMs: setup.timeouts?.requestMs ?? 60_000,
    keepAliveMs: setup.timeouts?.keepAliveMs ?? 5_000,
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || socket.destroyed) return void socket.destroy();
    // Go answers and closes; after a 431 it half-closes and waits before the full close.
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      socket.end(GO_HEADERS_TOO_LARGE, 'latin1');
      setTimeout(() => socket.destroy(), 500).unref();
    } else socket.end(GO_BAD_REQUEST, 'latin1');
  });
  return server;
}
