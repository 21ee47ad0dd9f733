/**
 * The v6 API requests the fast lane (`../../http/fast-lane.ts`) takes: those any lane may
 * (`laneMayTake`) to a path that is neither the websocket endpoint nor the control API, while no
 * fault is set and the server is not closing; every other request goes the plain way. Checked
 * byte for byte against the plain path by test/v6/fast-lane.test.ts, and against the real v6.9.1
 * by the differential test.
 */
import { answerInLane, laneMayTake, type FastLane } from '../../http/fast-lane.js';
import { isControlPath } from '../../http/route.js';
import type { WebsocketTransport } from '../ws/transport.js';
import { handleApiV6, type ContextV6 } from './handler.js';

export function apiLaneV6(ctx: ContextV6, ws: WebsocketTransport): FastLane {
  return (head, body, socket, answered) => {
    if (!laneMayTake(head, body) || ctx.records.faults.size !== 0 || ctx.isClosing()) return false;
    const target = ctx.admits.target(head.target);
    if (target === undefined || ws.handles(target.path) || isControlPath(target.path)) return false;
    return answerInLane(head, body, socket, answered, (req, res) => handleApiV6(ctx, req, res));
  };
}
