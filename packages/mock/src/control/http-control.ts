/**
 * The control API under `/_mock/` (JSON in, JSON out). Paths and bodies are documented in
 * packages/mock/README.md. Errors answer `{"error":{"code","message"}}` with 400/404/408.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockError, MockTimeoutError } from '../errors.js';
import type { BodyBudget } from '../http/body-budget.js';
import { readBody } from '../http/read-body.js';
import { sendOverBudget } from '../http/responses.js';
import { settleUnreadBody } from '../http/unread-body.js';
import { CONTROL_PREFIX } from '../http/route.js';
import { commandJsonText } from '../state/recorded-command.js';
import type { CommandFilter } from '../state/recorder.js';
import type { ControlTarget } from './control-target.js';

const MAX_CONTROL_BODY = 1 << 20;
export const MAX_WAIT_MS = 60_000;

export async function handleControl(target: ControlTarget, budget: BodyBudget, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  const sub = path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const params = new URLSearchParams(query);
  try {
    const key = `${method} ${sub}`;
    switch (key) {
      case 'GET /':
        return send(res, 200, { paths: ROUTES });
      case 'POST /reset':
        target.reset();
        return send(res, 200, { ok: true });
      case 'GET /clients':
        return send(res, 200, { clients: target.clients() });
      case 'POST /clients': {
        const body = await readJson(req, res, budget);
        const specs = Array.isArray(body) ? body : [body];
        return send(res, 201, { clients: specs.map((s) => target.addClient(s as never)) });
      }
      case 'DELETE /clients':
        return send(res, 200, { removed: target.removeAllClients() });
      case 'GET /commands':
        return sendText(res, 200, `{"commands":[${target.commands(filterOf(params)).map(commandJsonText).join(',')}],"lastSeq":${target.lastSeq}}`);
      case 'DELETE /commands':
        target.clearCommands();
        return send(res, 200, { ok: true });
      case 'GET /commands/wait':
        return await waitForCommand(target, req, res, params);
      case 'GET /faults':
        return send(res, 200, { faults: target.faults() });
      case 'POST /faults':
        return send(res, 201, target.injectFault((await readJson(req, res, budget)) as never));
      case 'DELETE /faults':
        target.clearFaults();
        return send(res, 200, { ok: true });
      case 'GET /violations':
        return send(res, 200, { violations: target.violations });
      case 'DELETE /violations':
        target.clearViolations();
        return send(res, 200, { ok: true });
      case 'GET /history': {
        const channel = params.get('channel');
        if (channel === null) return fail(res, 400, 'missing_channel', 'GET /_mock/history?channel=<name>');
        return sendText(res, 200, `{"channel":${JSON.stringify(channel)},"messages":${target.historyJson(channel)}}`);
      }
    }
    const item = /^\/(clients|faults)\/(.+)$/.exec(sub);
    if (method === 'DELETE' && item) {
      const id = decodeURIComponent(item[2] ?? '');
      const removed = item[1] === 'clients' ? target.removeClient(id) : target.removeFault(Number(id));
      return removed ? send(res, 200, { removed: true }) : fail(res, 404, 'not_found', `no ${item[1] === 'clients' ? 'client' : 'fault'} ${JSON.stringify(id)}`);
    }
    return fail(res, 404, 'unknown_route', `no control route ${key}; GET ${CONTROL_PREFIX}/ lists them`);
  } catch (err) {
    if (err instanceof OverBudget) return sendOverBudget(res);
    if (err instanceof MockTimeoutError) return fail(res, 408, err.code, err.message);
    if (err instanceof MockError) return fail(res, 400, err.code, err.message);
    return fail(res, 500, 'internal', 'control API failure');
  }
}

async function waitForCommand(target: ControlTarget, req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
  const timeout = Math.min(MAX_WAIT_MS, Math.max(0, Number(params.get('timeout') ?? 5000) || 0));
  const abort = new AbortController();
  const onClose = () => abort.abort();
  res.on('close', onClose);
  try {
    const since = params.get('since');
    const command = await target.waitFor(filterOf(params), { timeout, signal: abort.signal, ...(since === null ? {} : { since: Number(since) }) });
    sendText(res, 200, `{"command":${commandJsonText(command)}}`);
  } finally {
    res.off('close', onClose);
  }
}

function filterOf(params: URLSearchParams): CommandFilter {
  const filter: { -readonly [K in keyof CommandFilter]: CommandFilter[K] } = {};
  const method = params.get('method');
  const channel = params.get('channel');
  const transport = params.get('transport');
  const outcome = params.get('outcome');
  const since = params.get('since');
  if (method !== null) filter.method = method;
  if (channel !== null) filter.channel = channel;
  if (transport === 'http' || transport === 'redis') filter.transport = transport;
  if (outcome === 'ok' || outcome === 'error' || outcome === 'rejected' || outcome === 'ignored') filter.outcome = outcome;
  if (since !== null && Number.isFinite(Number(since))) filter.since = Number(since);
  return filter;
}

async function readJson(req: IncomingMessage, res: ServerResponse, budget: BodyBudget): Promise<unknown> {
  const body = await readBody(req, MAX_CONTROL_BODY, budget);
  if (body.kind !== 'ok') {
    settleUnreadBody(req, res, body.kind === 'too-large' && body.received === 0 ? 'none' : 'partial', () => undefined);
    if (body.kind === 'over-budget') throw new OverBudget();
    throw new MockError('invalid_body', `control bodies are JSON up to ${MAX_CONTROL_BODY} bytes`);
  }
  try {
    return JSON.parse(body.body.toString('utf8'));
  } catch {
    throw new MockError('invalid_json', 'the control request body is not valid JSON');
  }
}

/** A control body that does not fit in the server's body budget: answered 503. */
class OverBudget extends Error {}

function send(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, JSON.stringify(value));
}

/** Answers with JSON text built elsewhere (commands and history splice raw JSON into theirs). */
function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code, message } });
}

const ROUTES = [
  'POST /_mock/reset',
  'GET /_mock/clients',
  'POST /_mock/clients {user, client?, channels?, default_info?, channel_info?} (or a list)',
  'DELETE /_mock/clients',
  'DELETE /_mock/clients/<client id>',
  'GET /_mock/commands?method=&channel=&transport=&outcome=&since=',
  'DELETE /_mock/commands',
  'GET /_mock/commands/wait?method=&channel=&since=&timeout=<ms, max 60000>',
  'GET /_mock/faults',
  'POST /_mock/faults {type: latency|status|drop|soft-error, ...}',
  'DELETE /_mock/faults',
  'DELETE /_mock/faults/<id>',
  'GET /_mock/violations',
  'DELETE /_mock/violations',
  'GET /_mock/history?channel=<name>',
];
