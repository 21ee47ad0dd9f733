/**
 * Which HTTP parser reads a connection. A server may have every connection read by `js-http1.ts`
 * (Go's reading; its fast lane needs it: `'all'`), or those whose first request is a POST (`'post'`:
 * the websocket upgrades of a v6 server stay with Node's, which hands them to its 'upgrade'
 * listeners). Otherwise Node's (llhttp, fast, in C) unless the first request
 * line is one llhttp refuses and Go's server takes (a method outside llhttp's list, such as
 * `FOO` or `post`, or bytes >= 0x80 in the target); those connections are read by `js-http1.ts`
 * from then on. Decided once per connection, on its first bytes. (A later request on an llhttp
 * connection with such a line is refused as llhttp refuses it: 400, as for any request it cannot
 * read.)
 */
import { METHODS, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { serveJsHttp, type JsHttpOptions } from './js-http1.js';

/** Which connections the Go reader takes besides those Node's parser would refuse. */
export type GoReaderUse = 'all' | 'post' | 'refused';

const NODE_METHODS: ReadonlySet<string> = new Set(METHODS);

/** Bytes to look at for the request line before handing a connection to llhttp anyway. */
const SNIFF_MAX = 8192;

/**
 * Puts the choice in front of `server`'s own connection handling. Connections read here are
 * destroyed with the server's others (`closeAllConnections`, `closeIdleConnections`).
 */
export function sniffConnections(server: Server, options: JsHttpOptions, goReader: GoReaderUse): void {
  const toNode = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  /** Connections read here, and whether each is idle: no request on it yet or now. */
  const ours = new Map<Socket, () => boolean>();
  server.on('connection', (socket: Socket) => {
    if (goReader === 'all') {
      ours.set(socket, serveJsHttp(socket, Buffer.alloc(0), options));
      socket.once('close', () => ours.delete(socket));
      return;
    }
    ours.set(socket, () => true);
    socket.once('close', () => ours.delete(socket));
    let seen: Buffer = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), options.headersMs);
    timer.unref();
    const onData = (chunk: Buffer) => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const verdict = readsWithNode(seen, goReader === 'post');
      if (verdict === undefined) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.pause();
      if (verdict) {
        ours.delete(socket);
        socket.unshift(seen);
        for (const listener of toNode) listener.call(server, socket);
        socket.resume();
      } else ours.set(socket, serveJsHttp(socket, seen, options));
    };
    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
  });
  const closeAll = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    closeAll();
    for (const s of ours.keys()) s.destroy();
  };
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    closeIdle();
    for (const [s, idle] of ours) if (idle()) s.destroy();
  };
}

/** Whether llhttp can read the request line that `seen` starts; undefined until it is known. */
function readsWithNode(seen: Buffer, postToGo: boolean): boolean | undefined {
  const space = seen.indexOf(0x20);
  const lf = seen.indexOf(0x0a);
  if (space < 0 && lf < 0) return seen.length > SNIFF_MAX ? true : undefined;
  if (space < 0 || (lf >= 0 && lf < space)) return true; // not a request line: let llhttp refuse it
  const method = seen.toString('latin1', 0, space);
  if (!NODE_METHODS.has(method) || (postToGo && method === 'POST')) return false;
  if (lf < 0) return seen.length > SNIFF_MAX ? true : hasHighByte(seen, space) ? false : undefined;
  return !hasHighByte(seen.subarray(0, lf), space);
}

function hasHighByte(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i += 1) if ((buf[i] as number) >= 0x80) return true;
  return false;
}
