/**
 * The `/api/` handler: the order of checks and status codes of `handlers.go:299-335`, then the
 * commands. Checks that need no body (a missing sign, an empty body, no secret, a sign of the
 * wrong length) are made before the body is read, so a body that will be refused is never
 * buffered; the answer is the same as after reading it. Injected faults apply once the request
 * is read: status and drop replace the answer (commands do not run), latency delays it. In
 * strict mode every refusal is recorded as a contract violation; the HTTP answer stays the real
 * server's.
 *
 * The usual request runs synchronously from the body's `end` event to its queued reply, which
 * goes out with the others at the end of the event-loop turn (`reply-flush.ts` says why); a
 * promise is made only when a fault is registered (a latency fault has to wait).
 */
import { decodeCommands, type RawCommand } from '../api/decode-commands.js';
import { runBatch, schemaIssues } from '../api/dispatch.js';
import { decodeGoStructAt } from '../json/go-decode.js';
import { goTable } from '../json/go-kinds.js';
import { decodeKeptBytes } from '../json/kept-bytes.js';
import type { CommandTarget } from '../state/faults.js';
import type { MediaTypeMemo } from '../go/media-type.js';
import type { MockNode } from '../state/node.js';
import type { BodyBudget } from './body-budget.js';
import type { ApiRequest, ApiResponse } from './exchange.js';
import { readApiHead, readApiInput, type ApiHead, type ApiInput, type BodyRead, type Limits } from './api-input.js';
import { readBodyThen, type BodyResult } from './read-body.js';
import type { ReplyFlush } from './reply-flush.js';
import { sendError, sendJson, sendOverBudget, sendShuttingDown } from './responses.js';
import { signRefusal, type Refusal, type SignCheck } from './api-checks.js';
import { settleUnreadBody } from './unread-body.js';

export interface ApiContext {
  readonly node: MockNode;
  /** This server's reply flush. */
  readonly replies: ReplyFlush;
  /** This server's sign check for the configured secret (`signCheckFor`). */
  readonly signCheck: SignCheck;
  /** This server's Content-Type parser, remembering the last. */
  readonly mediaTypes: MediaTypeMemo;
  readonly limits: Limits;
  readonly budget: BodyBudget;
  isClosing(): boolean;
}

/** Answers one API request; never throws (a failure is logged and answered with 500). */
export function handleApi(ctx: ApiContext, req: ApiRequest, res: ApiResponse, query: string): void {
  try {
    if (ctx.isClosing()) return settleUnreadBody(req, res, 'none', () => sendShuttingDown(res));
    const { node } = ctx;
    node.metrics.inc('http_api_num_requests');
    const requestId = node.nextRequestId();
    const head = readApiHead(req, node.config.insecureApi, ctx.mediaTypes.parse);
    const early = head.mode === 'json' ? checkSign(ctx, head.sign, head.declared) : undefined;
    if (early !== undefined) {
      const pending = refuse(node, req, res, requestId, head.declared === 0 ? 'all' : 'none', early);
      if (pending !== undefined) pending.catch((err: unknown) => failed(ctx, res, err));
      return;
    }
    const read = (limit: number, then: (r: BodyResult) => void) => readBodyThen(req, limit, ctx.budget, then);
    readApiInput(req.method ?? 'GET', head, query, node.config.insecureApi, ctx.limits, read, (input) => {
      try {
        const pending = answer(ctx, req, res, requestId, head, input);
        if (pending !== undefined) pending.catch((err: unknown) => failed(ctx, res, err));
      } catch (err) {
        failed(ctx, res, err);
      }
    });
  } catch (err) {
    failed(ctx, res, err);
  }
}

function failed(ctx: ApiContext, res: ApiResponse, err: unknown): void {
  ctx.node.logger.error(`API handler failed: ${(err as Error).message}`);
  if (!res.headersSent) sendError(res, 500);
  else res.destroy();
}

/** `signRefusal`, logging a missing secret as the server does. */
function checkSign(
  ctx: ApiContext,
  sign: Buffer | undefined,
  data: Buffer | number | undefined,
  form = false,
): Refusal | undefined {
  const refusal = signRefusal(ctx.node.config, sign, data, form, ctx.signCheck);
  if (refusal?.kind === 'config') ctx.node.logger.error('no secret set in config');
  return refusal;
}

/** The checks in Centrifugo's order, then the commands. A promise only when faults are set. */
function answer(
  ctx: ApiContext,
  req: ApiRequest,
  res: ApiResponse,
  requestId: number,
  head: ApiHead,
  input: ApiInput,
): Promise<void> | undefined {
  const { node } = ctx;
  if (input.kind === 'over-budget') {
    node.logger.error(
      `request #${requestId}: a body of ${input.needed} bytes would take the bodies held at once over maxBodyBytesInFlight (${ctx.budget.limit}); answered 503 (the real server has no limit)`,
    );
    settleUnreadBody(req, res, input.body === 'all' ? 'partial' : input.body, () => sendOverBudget(res));
    return undefined;
  }
  if (input.kind === 'json-too-large') {
    node.logger.error(
      `request #${requestId}: JSON body over maxJsonBodyBytes (${ctx.limits.maxJsonBodyBytes} bytes), answered 400 (the real server has no limit)`,
    );
    return refuse(node, req, res, requestId, input.body, {
      status: 400,
      kind: 'data',
      path: '',
      message: `JSON body larger than the mock's maxJsonBodyBytes (${ctx.limits.maxJsonBodyBytes})`,
    });
  }
  if (input.body !== 'all') {
    // The body is needed no further: settle what is left of it (Go may close) before answering.
    const body = input.body;
    return new Promise<void>((resolve) => settleUnreadBody(req, res, body, resolve)).then(() =>
      respond(ctx, req, res, requestId, head, input.data, input.sign),
    );
  }
  return respond(ctx, req, res, requestId, head, input.data, input.sign);
}

function respond(
  ctx: ApiContext,
  req: ApiRequest,
  res: ApiResponse,
  requestId: number,
  head: ApiHead,
  data: Buffer,
  sign: Buffer | undefined,
): Promise<void> | undefined {
  const { node } = ctx;
  const refusal = checkSign(ctx, sign, data, head.mode === 'form');
  if (refusal !== undefined) return refuse(node, req, res, requestId, 'all', refusal);
  const text = decodeKeptBytes(data);
  const decoded = decodeCommands(text.text);
  if (!decoded.ok)
    return refuse(node, req, res, requestId, 'all', {
      status: 400,
      kind: decoded.kind,
      path: decoded.path,
      message: decoded.message,
    });
  const commands = decoded.commands;
  if (node.faults.size === 0) {
    run(ctx, res, requestId, decoded.batch, commands, text.kept);
    return undefined;
  }
  return applyFaults(node, req, res, targetsOf(commands)).then((replaced) => {
    if (!replaced) run(ctx, res, requestId, decoded.batch, commands, text.kept);
  });
}

function run(
  ctx: ApiContext,
  res: ApiResponse,
  requestId: number,
  batch: boolean,
  commands: readonly RawCommand[],
  keptBytes: boolean,
): void {
  const { node } = ctx;
  const result = runBatch({ node, requestId, transport: 'http', batch, keptBytes }, commands);
  if (result.ok) return sendJson(ctx.replies, res, result.json, result.keptBytes);
  const f = result.failure;
  if (node.strict) {
    const cmd = commands[f.index];
    node.violations.add({
      requestId,
      transport: 'http',
      status: 400,
      kind: f.kind,
      method: f.method,
      index: f.index,
      path: f.path,
      message: f.message,
      schemaIssues: f.kind === 'params' && cmd ? schemaIssues(node.wire, f.method, cmd.params) : [],
    });
  }
  sendError(res, 400);
}

function refuse(
  node: MockNode,
  req: ApiRequest,
  res: ApiResponse,
  requestId: number,
  body: BodyRead,
  r: Refusal,
): Promise<void> | undefined {
  if (node.strict) node.violations.add({ requestId, transport: 'http', schemaIssues: [], ...r });
  if (body !== 'all') {
    return new Promise<void>((resolve) => settleUnreadBody(req, res, body, resolve)).then(() =>
      refuseNow(node, req, res, r),
    );
  }
  return refuseNow(node, req, res, r);
}

function refuseNow(node: MockNode, req: ApiRequest, res: ApiResponse, r: Refusal): Promise<void> | undefined {
  if (node.faults.size === 0) {
    sendError(res, r.status);
    return undefined;
  }
  return applyFaults(node, req, res, []).then((replaced) => {
    if (!replaced) sendError(res, r.status);
  });
}

/** Applies request-level faults; true when the answer was replaced (status or drop). */
async function applyFaults(
  node: MockNode,
  req: ApiRequest,
  res: ApiResponse,
  targets: readonly CommandTarget[],
): Promise<boolean> {
  const faults = node.faults.takeRequestFaults(targets);
  if (faults === undefined) return false;
  if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
  if (faults.drop) {
    req.socket.destroy();
    return true;
  }
  if (faults.status) {
    sendError(res, faults.status.status, faults.status.body);
    return true;
  }
  return false;
}

/** What a fault matches in any method's params: its channel or channels. */
const TARGET = goTable({ Target: { channel: 'string', channels: 'strings' } } as const);

function targetsOf(commands: readonly RawCommand[]): CommandTarget[] {
  return commands.map((c) => {
    if (c.params === undefined) return { method: c.method, channels: [] };
    const p = decodeGoStructAt(c.params, 0, TARGET, 'Target');
    if (!p.ok) return { method: c.method, channels: [] };
    return {
      method: c.method,
      channels: p.value.channel === '' ? p.value.channels : [p.value.channel, ...p.value.channels],
    };
  });
}
