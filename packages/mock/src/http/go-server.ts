/**
 * A node:http server that behaves as Go's net/http server does around its handlers, whatever the
 * protocol behind it: timeouts against slow or vanishing clients, Go's raw answers to requests it
 * cannot read (bad heads, oversized headers, missing Host), connections Node's parser refuses
 * read by `js-http1.ts`, and an optional line per request. The protocol's `onRequest` routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { sniffConnections, type GoReaderUse } from './connection-sniff.js';
import { checkRequestHead, GO_BAD_REQUEST, GO_HEADERS_TOO_LARGE, GO_MAX_HEADER_BYTES } from './go-server-answers.js';
import type { FastLane } from './fast-lane.js';
import { sendRawAndClose } from './responses.js';

export interface ServerTimeouts {
  /** Time to receive all request headers (default 10 s). */
  readonly headersMs?: number;
  /** Time to receive the whole request (default 60 s). */
  readonly requestMs?: number;
  /** Idle keep-alive connections are closed after this (default 5 s). */
  readonly keepAliveMs?: number;
}

export interface GoServerSetup {
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  readonly timeouts?: ServerTimeouts;
  /** Called with one line per request once it is answered (method, path without the query, status, time). */
  readonly requestLog?: (line: string) => void;
  /** The connections the Go reader (`js-http1.ts`) reads besides those Node's parser refuses (default none). */
  readonly goReader?: GoReaderUse;
  /** Requests the Go reader may hand over before Node's objects are made (`fast-lane.ts`). */
  readonly fastLane?: FastLane;
  /** The server has 'upgrade' listeners: upgrade requests the Go reader reads go to them too. */
  readonly upgrades?: boolean;
}

/** One line per request, without the query (it may hold data); raw answers show as closed. */
function logWhenDone(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const started = performance.now();
  const url = req.url ?? '';
  const q = url.indexOf('?');
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const answer = res.writableFinished ? String(res.statusCode) : 'closed without an answer from a handler';
    log(
      `${req.method ?? ''} ${q < 0 ? url : url.slice(0, q)} ${answer} ${(performance.now() - started).toFixed(1)} ms`,
    );
  };
  // The Go reader's responses get no 'close' once answered (the socket is theirs only until then).
  res.once('finish', done);
  res.once('close', done);
}

export function createGoServer(setup: GoServerSetup): Server {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (setup.requestLog !== undefined) logWhenDone(req, res, setup.requestLog);
    const refused = checkRequestHead(req.httpVersion, req.method ?? 'GET', req.url ?? '', req.rawHeaders);
    if (refused !== undefined) return sendRawAndClose(res, refused);
    setup.onRequest(req, res);
  };
  const headersMs = setup.timeouts?.headersMs ?? 10_000;
  const requestMs = setup.timeouts?.requestMs ?? 60_000;
  const keepAliveMs = setup.timeouts?.keepAliveMs ?? 5_000;
  const server = createServer(
    {
      requestTimeout: requestMs,
      headersTimeout: headersMs,
      keepAliveTimeout: keepAliveMs,
      connectionsCheckingInterval: 1_000,
      // Go's limit on the request line and headers, and its checks of Host (checkRequestHead).
      maxHeaderSize: GO_MAX_HEADER_BYTES,
      requireHostHeader: false,
    },
    onRequest,
  );
  const fastLane = setup.requestLog === undefined ? setup.fastLane : undefined;
  // A request the lane answers has no ServerResponse to log from: a logging server has no lane.
  sniffConnections(
    server,
    {
      onRequest,
      headersMs,
      requestMs,
      keepAliveMs,
      fastLane,
      onUpgrade: setup.upgrades === true ? (req, socket, rest) => server.emit('upgrade', req, socket, rest) : undefined,
    },
    setup.goReader ?? 'refused',
  );
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

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, lets in-flight requests finish briefly, then closes every connection. */
export function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 250).unref();
  });
}
