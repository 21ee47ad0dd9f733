/**
 * The v6 mock's requests on the shared HTTP layer: `*` targets and the control API as Go's mux
 * and the 1.x mock answer them; then `admit` (route, 405, 401) before any body is read, the body
 * read within the mock's limits (per request and all together), faults, `prepare`, `perform`,
 * with records and, in strict mode, contract violations. Never throws: a failure is logged and
 * answered 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, ApiResponse } from '../../http/exchange.js';
import type { ControlTarget } from '../../control/control-target.js';
import { handleControl } from '../../control/http-control.js';
import type { BodyBudget } from '../../http/body-budget.js';
import { GO_BAD_REQUEST } from '../../http/go-server-answers.js';
import { readBodyThen } from '../../http/read-body.js';
import {
  sendError,
  sendOptionsStar,
  sendOverBudget,
  sendRawAndClose,
  sendShuttingDown,
  sendStar,
} from '../../http/responses.js';
import { isControlPath } from '../../http/route.js';
import type { ReplyFlush } from '../../http/reply-flush.js';
import { settleUnreadBody } from '../../http/unread-body.js';
import type { CommandTarget } from '../../state/faults.js';
import type { AdmitMemo } from '../api/admit-memo.js';
import { channelsOf } from '../api/invoke.js';
import { admit, perform, prepare, type ApiRoute, type Prepared, type Refusal } from '../api/execute.js';
import type { MethodName } from '../protocol.js';
import type { NodeV6 } from '../state/node.js';
import type { RecordsV6 } from '../state/records.js';
import { writeResponse } from './write.js';
import { applyFaults } from './faults.js';

export interface ContextV6 {
  readonly node: NodeV6;
  readonly records: RecordsV6;
  /** This server's reply flush. */
  readonly replies: ReplyFlush;
  /** This server's memo of the last target, route and API key bytes. */
  readonly admits: AdmitMemo;
  readonly maxJsonBodyBytes: number;
  readonly budget: BodyBudget;
  readonly control: ControlTarget<unknown, unknown, unknown> | undefined;
  isClosing(): boolean;
}

const UNPARSABLE = 'the request target cannot be parsed';
const REFUSAL_MESSAGES: Readonly<Record<Refusal, string>> = {
  route: 'no such route: the API is POST <handler_prefix>/<method> (or the legacy <handler_prefix>)',
  method: 'not POST',
  auth: 'no valid API key (X-API-Key, Authorization: apikey <key>, or ?api_key=)',
};

export function handleRequestV6(ctx: ContextV6, req: IncomingMessage, res: ServerResponse): void {
  try {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    if (url === '*') return method === 'OPTIONS' ? sendOptionsStar(res) : sendStar(res, req.httpVersion !== '1.0');
    const target = ctx.admits.target(url);
    // The prefix is ASCII: the path's bytes start with it exactly when its UTF-8 text does.
    if (ctx.control !== undefined && target !== undefined && isControlPath(target.path)) {
      const path = Buffer.from(target.path, 'latin1').toString('utf8');
      void handleControl(ctx.control, ctx.budget, req, res, path, target.query);
      return;
    }
    handleApiV6(ctx, req, res);
  } catch (err) {
    failed(ctx, res, err);
  }
}

/** An API request (not `*`, not the control API): where the fast lane (`lane.ts`) hands its requests in. */
export function handleApiV6(ctx: ContextV6, req: ApiRequest, res: ApiResponse): void {
  try {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const requestId = ctx.records.nextRequestId();
    const a = admit(ctx.node, { method, target: url, rawHeaders: req.rawHeaders }, ctx.admits);
    if ('unparsable' in a) {
      violation(ctx, requestId, 400, 'route', UNPARSABLE);
      return sendRawAndClose(res, GO_BAD_REQUEST);
    }
    if ('response' in a) {
      if (a.refusal !== undefined) violation(ctx, requestId, a.response.status, a.refusal, REFUSAL_MESSAGES[a.refusal]);
      return settleUnreadBody(req, res, 'none', () => writeResponse(ctx.replies, res, a.response));
    }
    if (a.route.kind === 'legacy' && ctx.isClosing())
      return settleUnreadBody(req, res, 'none', () => sendShuttingDown(res));
    readBodyThen(req, ctx.maxJsonBodyBytes, ctx.budget, (body) => {
      try {
        if (body.kind === 'ok') return withBody(ctx, req, res, requestId, a.route, body.body);
        const partial = body.kind === 'too-large' ? body.received > 0 : false;
        if (body.kind === 'over-budget') {
          ctx.node.logger.error(
            `request #${requestId}: a body of ${body.needed} bytes would take the bodies held at once over maxBodyBytesInFlight (${ctx.budget.limit}); answered 503 (the real server has no limit)`,
          );
          return settleUnreadBody(req, res, 'partial', () => sendOverBudget(res));
        }
        ctx.node.logger.error(
          `request #${requestId}: body over maxJsonBodyBytes (${ctx.maxJsonBodyBytes} bytes), answered 400 (the real server has no limit)`,
        );
        violation(
          ctx,
          requestId,
          400,
          'data',
          `body larger than the mock's maxJsonBodyBytes (${ctx.maxJsonBodyBytes})`,
        );
        settleUnreadBody(req, res, partial ? 'partial' : 'none', () => sendError(res, 400));
      } catch (err) {
        failed(ctx, res, err);
      }
    });
  } catch (err) {
    failed(ctx, res, err);
  }
}

function withBody(
  ctx: ContextV6,
  req: ApiRequest,
  res: ApiResponse,
  requestId: number,
  route: ApiRoute,
  body: Buffer,
): void {
  const p = prepare(route, body);
  if (p.kind === 'malformed') refused(ctx, requestId, p);
  const respond = () =>
    writeResponse(ctx.replies, res, perform(ctx.node, p, req.rawHeaders, ctx.records.hooks(requestId)));
  if (ctx.records.faults.size === 0) return respond();
  applyFaults(ctx.records.faults, req, res, targetsOf(p)).then(
    (replaced) => {
      if (!replaced) respond();
    },
    (err: unknown) => failed(ctx, res, err),
  );
}

/** A body that does not decode: recorded as a rejected command (types) or a refusal (syntax). */
function refused(ctx: ContextV6, requestId: number, p: Extract<Prepared, { kind: 'malformed' }>): void {
  if (p.method !== 'legacy' && p.method !== 'batch' && !p.syntax) {
    ctx.records.record(requestId, {
      index: 0,
      method: p.method,
      paramsJson: p.text,
      channels: [],
      result: { ok: 'malformed', message: `${p.path || '(body)'}: ${p.message}` },
    });
  }
  violation(
    ctx,
    requestId,
    400,
    p.syntax ? 'data' : 'params',
    p.message,
    p.method === 'legacy' ? undefined : p.method,
    p.path,
    p.syntax ? '' : p.text,
  );
}

function violation(
  ctx: ContextV6,
  requestId: number,
  status: number,
  kind: Parameters<RecordsV6['violations']['add']>[0]['kind'],
  message: string,
  method?: MethodName,
  path = '',
  text = '',
): void {
  if (!ctx.records.strict) return;
  ctx.records.violations.add({
    requestId,
    transport: 'http',
    status,
    kind,
    ...(method === undefined ? {} : { method }),
    path,
    message,
    schemaIssues: method === undefined || text === '' ? [] : (ctx.records.wire?.(method, text) ?? []),
  });
}

function targetsOf(p: Prepared): CommandTarget[] {
  return p.kind === 'method' || p.kind === 'malformed'
    ? [{ method: p.method, channels: p.kind === 'method' ? channelsOf(p.params) : [] }]
    : [];
}

function failed(ctx: ContextV6, res: ApiResponse, err: unknown): void {
  ctx.node.logger.error(`API handler failed: ${(err as Error).message}`);
  if (!res.headersSent) sendError(res, 500);
  else res.destroy();
}
