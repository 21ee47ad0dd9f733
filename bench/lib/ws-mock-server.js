// The v6 mock with its websocket transport in a child process of its own, for bench/ws.bench.js:
// the config (JSON) comes as the first argument; prints `ready http://127.0.0.1:<port>`.
// Until the v6 mock's own server takes the websocket route, this wires the two the way it will:
// `/connection/websocket` to the transport, everything else to the v6 request layer.
import http from 'node:http';
import { executeV6 } from '../../packages/mock/dist/v6/api/execute.js';
import { parseConfigV6 } from '../../packages/mock/dist/v6/config/parse-config.js';
import { NodeV6 } from '../../packages/mock/dist/v6/state/node.js';
import { WebsocketTransport } from '../../packages/mock/dist/v6/ws/transport.js';
import { systemClock } from '../../packages/mock/dist/clock.js';
import { silentLogger } from '../../packages/mock/dist/logger.js';

const config = JSON.parse(process.argv[2] ?? '{}');
const node = new NodeV6({ config: parseConfigV6(config).config, clock: systemClock, logger: silentLogger });
const transport = new WebsocketTransport(node, config);
const split = (url) => {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)];
};
const server = http.createServer((req, res) => {
  const [path, query] = split(req.url ?? '/');
  if (transport.handles(path)) return transport.handleRequest(req, res, query);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const r = executeV6(node, { method: req.method ?? 'GET', target: req.url ?? '/', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
    res.writeHead(r.status, { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) }).end(r.body);
  });
});
server.on('upgrade', (req, socket, head) => {
  const [path, query] = split(req.url ?? '/');
  if (transport.handles(path)) transport.handleUpgrade(req, socket, head, query);
  else socket.destroy();
});
server.listen(0, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
