/**
 * `startMockCentrifugoV6`: one fake Centrifugo v6.9.1 on 127.0.0.1 — its server API, and its
 * websocket client protocol at `/connection/websocket` — with its test controls.
 */
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { systemClock } from '../clock.js';
import { MockUsageError } from '../errors.js';
import { BodyBudget, DEFAULT_MAX_BODY_IN_FLIGHT, DEFAULT_MAX_JSON_BODY } from '../http/body-budget.js';
import { ReplyFlush } from '../http/reply-flush.js';
import { createGoServer, listen, shutdown } from '../http/go-server.js';
import { warnIfReachable } from '../http/reachable-warning.js';
import { silentLogger } from '../logger.js';
import { AdmitMemo } from './api/admit-memo.js';
import { apiPrefix } from './api/route.js';
import { parseConfigV6 } from './config/parse-config.js';
import { handleRequestV6 } from './http/handler.js';
import { apiLaneV6 } from './http/lane.js';
import { routeUpgrades } from './http/upgrade.js';
import { MockV6 } from './mock-instance.js';
import type { MockCentrifugoV6, MockCentrifugoV6Options } from './mock-types.js';
import { NodeV6 } from './state/node.js';
import { RecordsV6 } from './state/records.js';
import { loadWireValidationV6 } from './wire-validation.js';
import { WebsocketTransport } from './ws/transport.js';

export async function startMockCentrifugoV6(options: MockCentrifugoV6Options = {}): Promise<MockCentrifugoV6> {
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '')
    throw new MockUsageError('invalid_host', 'host must be an address to listen on, such as 127.0.0.1');
  const { config, warnings } = parseConfigV6(options.config);
  const logger = options.logger ?? silentLogger;
  for (const w of warnings) logger.warn(`${w.message}${w['key'] === undefined ? '' : ` (${w['key']})`}`);
  if (config.httpApi.key === '' && !config.httpApi.insecure) {
    // The real server starts too, then answers every API call 401 and logs "API key is empty" each time.
    logger.warn(
      'http_api.key is empty: every API request will be answered 401 Unauthorized, as Centrifugo does; set http_api.key or http_api.insecure',
    );
  }
  const wire = options.strict === true ? await loadWireValidationV6() : undefined;
  const clock = options.clock ?? systemClock;
  const node = new NodeV6({ config, clock, logger });
  const records = new RecordsV6(clock, wire, options.recordLimit, options.recordTextLimit);
  const maxJsonBodyBytes = options.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY;
  const budget = new BodyBudget(Math.max(options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_IN_FLIGHT, maxJsonBodyBytes));
  const ws = new WebsocketTransport(node, options.config, logger);
  const mock = new MockV6(node, records, warnings, ws);
  let closing = false;
  const context = {
    node,
    records,
    replies: new ReplyFlush(),
    admits: new AdmitMemo(),
    maxJsonBodyBytes,
    budget,
    control: options.controlApi === false ? undefined : mock,
    isClosing: () => closing,
  };
  const server = createGoServer({
    onRequest: (req, res) => {
      const target = context.admits.target(req.url ?? '/');
      if (target !== undefined && ws.handles(target.path)) ws.handleRequest(req, res, target.query);
      else handleRequestV6(context, req, res);
    },
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    ...(options.logRequests === true ? { requestLog: (line: string) => logger.debug(line) } : {}),
    // Connections that start with a POST are read as Go reads them (the real server's heads: no
    // Keep-Alive header), and their usual API request takes the fast lane; the others (websocket
    // upgrades among them) stay with Node's parser.
    goReader: 'post',
    upgrades: true,
    ...(options.fastLane === false ? {} : { fastLane: apiLaneV6(context, ws) }),
  });
  routeUpgrades(server, ws);
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  warnIfReachable(logger, host, port);
  if (node.name === '') node.name = `${hostname()}_${port}`;
  const sweep = setInterval(() => node.sweep(), 1000);
  sweep.unref();
  mock.started(host, port, apiPrefix(config), async () => {
    closing = true;
    clearInterval(sweep);
    ws.close();
    await shutdown(server);
  });
  return mock;
}
