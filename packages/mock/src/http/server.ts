/**
 * The 1.x server: Go's server behaviour (`go-server.ts`) with Centrifugo 1.8.0's routes (the
 * `/api/` subtree, redirects, 404) and the control API; API requests get 503 once closing has begun.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ControlTarget } from '../control/control-target.js';
import { handleControl } from '../control/http-control.js';
import { handleApi, type ApiContext } from './api-handler.js';
import { GO_BAD_REQUEST } from './go-server-answers.js';
import { createGoServer, type ServerTimeouts } from './go-server.js';
import { sendNotFound, sendOptionsStar, sendRawAndClose, sendRedirect, sendStar } from './responses.js';
import { RouteMemo } from './route.js';

export type { ServerTimeouts } from './go-server.js';

export interface ServerSetup {
  readonly api: ApiContext;
  readonly control: ControlTarget | undefined;
  readonly timeouts?: ServerTimeouts;
  /** Called with one line per request once it is answered (method, path without the query, status, time). */
  readonly requestLog?: (line: string) => void;
}

export function createMockServer(setup: ServerSetup): Server {
  const routes = new RouteMemo(setup.api.node.config.httpPrefix, setup.control !== undefined);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const r = routes.route(req.method ?? 'GET', req.url ?? '/');
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
  return createGoServer({
    onRequest,
    ...(setup.timeouts === undefined ? {} : { timeouts: setup.timeouts }),
    ...(setup.requestLog === undefined ? {} : { requestLog: setup.requestLog }),
  });
}
