/**
 * Upgrade requests on the v6 mock's server. Node hands every request with `Connection: upgrade`
 * to the `upgrade` listener (once there is one); the real server only upgrades at
 * `/connection/websocket`, and anywhere else an upgrade request is an ordinary request (Go
 * ignores the header). So those go back to the server as ordinary requests: their head is written
 * again without the `Connection` and `Upgrade` headers, in front of what followed it, and the
 * socket is handed to the server as a new connection.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { splitTarget } from '../api/route.js';
import type { WebsocketTransport } from '../ws/transport.js';

export function routeUpgrades(server: Server, ws: WebsocketTransport): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = splitTarget(req.url ?? '/');
    if (target !== undefined && ws.handles(target.path)) return ws.handleUpgrade(req, socket, head, target.query);
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] as string;
      if (!/^(?:connection|upgrade)$/i.test(name)) lines.push(`${name}: ${req.rawHeaders[i + 1] as string}`);
    }
    socket.unshift(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]));
    server.emit('connection', socket);
  });
}
