/**
 * The v6 API requests the fast lane (`../../http/fast-lane.ts`) takes: a keep-alive HTTP/1.1 POST
 * with its body under 256 KiB, no `Expect`, to a path that is neither the websocket endpoint nor
 * the control API, while no fault is set and the server is not closing. Their body is always
 * received whole, so Go's handling of unread bodies has nothing left to decide; every other
 * request goes the plain way. Checked byte for byte against the plain path by
 * test/v6/fast-lane.test.ts, and against the real v6.9.1 by the differential test.
 */
import { LaneRequest, LaneResponse, type FastLane } from '../../http/fast-lane.js';
import { CONTROL_PREFIX } from '../../http/route.js';
import { MAX_POST_HANDLER_READ } from '../../http/unread-body.js';
import type { WebsocketTransport } from '../ws/transport.js';
import { handleApiV6, type ContextV6 } from './handler.js';

export function apiLaneV6(ctx: ContextV6, ws: WebsocketTransport): FastLane {
  return (head, body, socket, answered) => {
    if (head.method !== 'POST' || head.version !== '1.1' || !head.keepAlive) return false;
    if (body.length >= MAX_POST_HANDLER_READ || head.headers['expect'] !== undefined) return false;
    if (ctx.records.faults.size !== 0 || ctx.isClosing()) return false;
    const target = ctx.admits.target(head.target);
    if (target === undefined || ws.handles(target.path)) return false;
    if (target.path === CONTROL_PREFIX || target.path.startsWith(`${CONTROL_PREFIX}/`)) return false;
    const req = new LaneRequest(head, socket);
    handleApiV6(ctx, req, new LaneResponse(socket, answered));
    req.deliver(body);
    return true;
  };
}
