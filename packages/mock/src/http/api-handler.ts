/**
 * The `/api/` handler: the order of checks and status codes of `handlers.go:299-335`, then the
 * commands. Injected faults apply once the request is read: status and drop replace the answer
 * (commands do not run), latency delays it. In strict mode every refusal is recorded as a
 * contract violation; the HTTP answer stays the real server's.
 *
 * The usual request runs synchronously from the body's `end` event to its queued reply, which
 * goes out with the others at the end of the event-loop turn (`reply-flush.ts` says why); a
 * promise is made only when a fault is registered (a latency fault has to wait).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeCommands, type RawCommand } from '../api/decode-commands.js';
import { runBatch, schemaIssues } from '../api/dispatch.js';
import { decodeStruct } from '../json/go-struct.js';
import type { CommandTarget } from '../state/faults.js';
import type { MockNode } from '../state/node.js';
import type { ContractViolation } from '../state/violations.js';
import { readApiInput, type ApiInput, type Limits } from './api-input.js';
import { sendError, sendJson, sendShuttingDown } from './responses.js';
import { checkApiSign } from './sign.js';

export interface ApiContext {
  readonly node: MockNode;
  readonly limits: Limits;
  isClosing(): boolean;
}

type Refusal = Omit<ContractViolation, 'requestId' | 'transport' | 'schemaIssues'> & { readonly schemaIssues?: ContractViolation['schemaIssues'] };

/** Answers one API request; never throws (a failure is logged and answered with 500). */
export function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, query: string): void {
  try {
    if (ctx.isClosing()) return sendShuttingDown(res);
    const { node } = ctx;
    node.metrics.inc('http_api_num_requests');
    const requestId = node.nextRequestId();
    readApiInput(req, query, node.config.insecureApi, ctx.limits, (input) => {
      try {
        const pending = answer(ctx, req, res, requestId, input);
        if (pending !== undefined) pending.catch((err: unknown) => failed(ctx, res, err));
      } catch (err) {
        failed(ctx, res, err);
      }
    });
  } catch (err) {
    failed(ctx, res, err);
  }
}

function failed(ctx: ApiContext, res: ServerResponse, err: unknown): void {
  ctx.node.logger.error(`API handler failed: ${(err as Error).message}`);
  if (!res.headersSent) sendError(res, 500);
  else res.destroy();
}

/** The checks in Centrifugo's order, then the commands. A promise only when faults are set. */
function answer(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, requestId: number, input: ApiInput): Promise<void> | undefined {
  const { node } = ctx;
  if (input.kind === 'json-too-large') {
    node.logger.error(`request #${requestId}: JSON body over maxJsonBodyBytes (${ctx.limits.maxJsonBodyBytes} bytes), answered 400 (the real server has no limit)`);
    return refuse(node, req, res, requestId, { status: 400, kind: 'data', path: '', message: `JSON body larger than the mock's maxJsonBodyBytes (${ctx.limits.maxJsonBodyBytes})` });
  }
  const config = node.config;
  const insecure = config.insecureApi;
  const { data, sign } = input;
  if (!insecure && (sign === undefined || sign.length === 0)) {
    const where = input.mode === 'json' ? 'X-API-Sign header' : 'sign form field';
    return refuse(node, req, res, requestId, { status: 400, kind: 'sign', path: '', message: `sign is missing (${where})` });
  }
  if (data.length === 0) return refuse(node, req, res, requestId, { status: 400, kind: 'data', path: '', message: 'data is empty or missing' });
  if (!insecure && config.secret === '') {
    node.logger.error('no secret set in config');
    return refuse(node, req, res, requestId, { status: 400, kind: 'config', path: '', message: 'no secret set in config (and insecure_api is off)' });
  }
  if (!insecure && !checkApiSign(config.secret, data, sign as Buffer)) {
    return refuse(node, req, res, requestId, { status: 401, kind: 'sign', path: '', message: 'sign does not match: lowercase hex HMAC-SHA256 of the exact data bytes, 64 characters' });
  }
  const decoded = decodeCommands(data.toString('utf8'));
  if (!decoded.ok) return refuse(node, req, res, requestId, { status: 400, kind: decoded.kind, path: decoded.path, message: decoded.message });
  const commands = decoded.commands;
  if (node.faults.size === 0) {
    run(node, res, requestId, decoded.batch, commands);
    return undefined;
  }
  return applyFaults(node, req, res, targetsOf(commands)).then((replaced) => {
    if (!replaced) run(node, res, requestId, decoded.batch, commands);
  });
}

function run(node: MockNode, res: ServerResponse, requestId: number, batch: boolean, commands: readonly RawCommand[]): void {
  const result = runBatch({ node, requestId, transport: 'http', batch }, commands);
  if (result.ok) return sendJson(res, result.json);
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
      schemaIssues: f.kind === 'params' && cmd ? schemaIssues(f.method, cmd.params) : [],
    });
  }
  sendError(res, 400);
}

function refuse(node: MockNode, req: IncomingMessage, res: ServerResponse, requestId: number, r: Refusal): Promise<void> | undefined {
  if (node.strict) node.violations.add({ requestId, transport: 'http', schemaIssues: [], ...r });
  if (node.faults.size === 0) {
    sendError(res, r.status);
    return undefined;
  }
  return applyFaults(node, req, res, []).then((replaced) => {
    if (!replaced) sendError(res, r.status);
  });
}

/** Applies request-level faults; true when the answer was replaced (status or drop). */
async function applyFaults(node: MockNode, req: IncomingMessage, res: ServerResponse, targets: readonly CommandTarget[]): Promise<boolean> {
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

const TARGET = { channel: 'string', channels: 'strings' } as const;

function targetsOf(commands: readonly RawCommand[]): CommandTarget[] {
  return commands.map((c) => {
    if (c.params === undefined) return { method: c.method, channels: [] };
    const p = decodeStruct(c.params, 0, c.params.length, TARGET);
    if (!p.ok) return { method: c.method, channels: [] };
    return { method: c.method, channels: p.value.channel === '' ? p.value.channels : [p.value.channel, ...p.value.channels] };
  });
}
