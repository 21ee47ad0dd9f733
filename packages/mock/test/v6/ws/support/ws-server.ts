/**
 * Phase A stand-in for the v6 mock's HTTP server: a plain node:http server on 127.0.0.1 that
 * hands `/connection/websocket` (requests and upgrades) to a `WebsocketTransport` and every other
 * request to the v6 request layer (`executeV6`). The real server wiring replaces it; the tests
 * written against it only need `url`, `wsUrl`, `node` and `transport`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../../../src/clock.js';
import { silentLogger } from '../../../../src/logger.js';
import { readBody } from '../../../../src/http/read-body.js';
import { executeV6 } from '../../../../src/v6/api/execute.js';
import { parseConfigV6 } from '../../../../src/v6/config/parse-config.js';
import type { CentrifugoV6Config } from '../../../../src/v6/config/types.js';
import { NodeV6 } from '../../../../src/v6/state/node.js';
import { WebsocketTransport } from '../../../../src/v6/ws/transport.js';

export interface WsTestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly node: NodeV6;
  readonly transport: WebsocketTransport;
  stop(): Promise<void>;
}

const MAX_BODY = 16 << 20;

export async function startWsTestServer(config: CentrifugoV6Config, clock: Clock = systemClock): Promise<WsTestServer> {
  const node = new NodeV6({ config: parseConfigV6(config).config, clock, logger: silentLogger });
  const transport = new WebsocketTransport(node, config);
  const split = (url: string | undefined) => {
    const target = url ?? '/';
    const q = target.indexOf('?');
    return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
  };
  const server = http.createServer((req, res) => {
    const { path, query } = split(req.url);
    if (transport.handles(path)) return transport.handleRequest(req, res, query);
    void readBody(req, MAX_BODY).then((body) => {
      if (body.kind !== 'ok') {
        res.writeHead(413).end();
        return;
      }
      const r = executeV6(node, { method: req.method ?? 'GET', target: req.url ?? '/', rawHeaders: req.rawHeaders, body: body.body });
      res.writeHead(r.status, { ...r.headers, 'Content-Length': String(Buffer.byteLength(r.body)) }).end(r.body);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const { path, query } = split(req.url);
    if (transport.handles(path)) transport.handleUpgrade(req, socket, head, query);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  node.name = `mock_${port}`;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}${transport.config.path}`,
    port,
    node,
    transport,
    async stop() {
      transport.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
