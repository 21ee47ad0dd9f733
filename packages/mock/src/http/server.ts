/**
 * The 1.x server: Go's server behaviour (`go-server.ts`) with Centrifugo 1.8.0's routes (the
 * `/api/` subtree, redirects, 404) and the control API; API requests get 503 once closing has begun.
 * The usual API request takes the fast lane (`fast-lane.ts`, `apiLane` below).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ControlTarget } from '../control/control-target.js';
import { handleControl } from '../control/http-control.js';
import { handleApi, type ApiContext } from './api-handler.js';
import { isJsonContentType } from './api-input.js';
import { answerInLane, laneMayTake, type FastLane } from './fast-lane.js';
import { GO_BAD_REQUEST } from './go-server-answers.js';
import { createGoServer, type ServerTimeouts } from './go-server.js';
import { sendNotFound, sendOptionsStar, sendRawAndClose, sendRedirect, sendStar } from './responses.js';
import { firstHeader } from './raw-header.js';
import { RouteMemo } from './route.js';

export type { ServerTimeouts } from './go-server.js';

export interface ServerSetup {
  readonly api: ApiContext;
  readonly control: ControlTarget | undefined;
  readonly timeouts?: ServerTimeouts;
  /** Called with one line per request once it is answered (method, path without the query, status, time). */
  readonly requestLog?: (line: string) => void;
  /** Take the usual API request through the fast lane (`apiLane`). */
  readonly fastLane: boolean;
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
    // Go's reading of every request (more faithful than Node's, and what the lane needs).
    goReader: 'all',
    ...(setup.fastLane ? { fastLane: apiLane(setup.api, routes) } : {}),
    ...(setup.timeouts === undefined ? {} : { timeouts: setup.timeouts }),
    ...(setup.requestLog === undefined ? {} : { requestLog: setup.requestLog }),
  });
}

/** The API requests the lane takes (`laneMayTake`) with a JSON or urlencoded body, while no fault is set and the server is not closing. */
function apiLane(api: ApiContext, routes: RouteMemo): FastLane {
  return (head, body, socket, answered) => {
    if (!laneMayTake(head, body) || api.node.faults.size !== 0 || api.isClosing()) return false;
    const contentType = firstHeader(head.rawHeaders, 'content-type') ?? '';
    if (!isJsonContentType(contentType) && api.mediaTypes.parse(contentType)?.type !== FORM) return false;
    const route = routes.route('POST', head.target);
    if (route.kind !== 'api') return false;
    return answerInLane(head, body, socket, answered, (req, res) => handleApi(api, req, res, route.query));
  };
}

const FORM = 'application/x-www-form-urlencoded';
