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
import type { ControlTarget } from './control-target.js';
import { commandFilter, FILTER_PARAMS, readQuery, waitTimeout } from './query.js';

const MAX_CONTROL_BODY = 1 << 20;

/** The query parameters each route takes. */
const QUERY: Readonly<Record<string, readonly string[]>> = {
  'GET /commands': FILTER_PARAMS,
  'GET /commands/wait': [...FILTER_PARAMS, 'timeout'],
  'GET /history': ['channel'],
};

export async function handleControl(
  target: ControlTarget<unknown, unknown, unknown>,
  budget: BodyBudget,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
): Promise<void> {
  const sub = path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const key = `${method} ${sub}`;
  try {
    for (const route of target.controlRoutes ?? []) {
      const m = route.method === method ? route.path.exec(sub) : null;
      if (m === null) continue;
      readQuery(query, [], `${method} ${CONTROL_PREFIX}${sub}`);
      return send(res, route.status ?? 200, await route.handle(m, () => readJson(req, res, budget)));
    }
    const item = /^\/(clients|faults)\/(.+)$/.exec(sub);
    const known = ROUTE_KEYS.has(key) || (method === 'DELETE' && item !== null);
    if (!known) return fail(res, 404, 'unknown_route', `no control route ${key}; GET ${CONTROL_PREFIX}/ lists them`);
    const params = readQuery(query, QUERY[key] ?? [], `${method} ${CONTROL_PREFIX}${sub === '/' ? '/' : sub}`);
    switch (key) {
      case 'GET /':
        return send(res, 200, { paths: [...ROUTES, ...(target.controlRoutes ?? []).map((r) => r.describe)] });
      case 'POST /reset':
        target.reset();
        return send(res, 200, { ok: true });
      case 'GET /clients':
        return send(res, 200, { clients: target.clients() });
      case 'POST /clients': {
        const body = await readJson(req, res, budget);
        // All or none: a list with one bad client adds none of them.
        return send(res, 201, { clients: target.addClients((Array.isArray(body) ? body : [body]) as never[]) });
      }
      case 'DELETE /clients':
        return send(res, 200, { removed: target.removeAllClients() });
      case 'GET /commands':
        return sendText(
          res,
          200,
          `{"commands":[${target.commands(commandFilter(params)).map(commandJsonText).join(',')}],"lastSeq":${target.lastSeq}}`,
        );
      case 'DELETE /commands':
        target.clearCommands();
        return send(res, 200, { ok: true });
      case 'GET /commands/wait':
        return await waitForCommand(target, res, params);
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
        if (channel === undefined) return fail(res, 400, 'missing_channel', 'GET /_mock/history?channel=<name>');
        return sendText(res, 200, `{"channel":${JSON.stringify(channel)},"messages":${target.historyJson(channel)}}`);
      }
    }
    if (item === null) return undefined;
    // The path is already unescaped once (by routing): the id is taken as it is.
    const id = item[2] as string;
    if (item[1] === 'faults' && !/^\d+$/.test(id))
      return fail(res, 400, 'invalid_parameter', `fault id ${JSON.stringify(id)}: must be a whole number`);
    const removed = item[1] === 'clients' ? target.removeClient(id) : target.removeFault(Number(id));
    return removed
      ? send(res, 200, { removed: true })
      : fail(res, 404, 'not_found', `no ${item[1] === 'clients' ? 'client' : 'fault'} ${JSON.stringify(id)}`);
  } catch (err) {
    if (err instanceof OverBudget) return sendOverBudget(res);
    if (err instanceof MockTimeoutError) return fail(res, 408, err.code, err.message);
    if (err instanceof MockError) return fail(res, 400, err.code, err.message);
    return fail(res, 500, 'internal', 'control API failure');
  }
}

async function waitForCommand(
  target: ControlTarget<unknown, unknown, unknown>,
  res: ServerResponse,
  params: ReadonlyMap<string, string>,
): Promise<void> {
  const filter = commandFilter(params);
  const timeout = waitTimeout(params);
  const abort = new AbortController();
  const onClose = () => abort.abort();
  res.on('close', onClose);
  try {
    const { since, ...match } = filter;
    const command = await target.waitFor(match, {
      timeout,
      signal: abort.signal,
      ...(since === undefined ? {} : { since }),
    });
    sendText(res, 200, `{"command":${commandJsonText(command)}}`);
  } finally {
    res.off('close', onClose);
  }
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
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code, message } });
}

const ROUTE_KEYS = new Set([
  'GET /',
  'POST /reset',
  'GET /clients',
  'POST /clients',
  'DELETE /clients',
  'GET /commands',
  'DELETE /commands',
  'GET /commands/wait',
  'GET /faults',
  'POST /faults',
  'DELETE /faults',
  'GET /violations',
  'DELETE /violations',
  'GET /history',
]);

const ROUTES = [
  'POST /_mock/reset',
  'GET /_mock/clients',
  'POST /_mock/clients {user?, client?, channels?, default_info?, channel_info?} (or a list: all or none)',
  'DELETE /_mock/clients',
  'DELETE /_mock/clients/<client id>',
  'GET /_mock/commands?method=&channel=&transport=&outcome=&since=',
  'DELETE /_mock/commands',
  'GET /_mock/commands/wait?method=&channel=&transport=&outcome=&since=&timeout=<ms, max 60000>',
  'GET /_mock/faults',
  'POST /_mock/faults {type: latency|status|drop|soft-error, ...}',
  'DELETE /_mock/faults',
  'DELETE /_mock/faults/<id>',
  'GET /_mock/violations',
  'DELETE /_mock/violations',
  'GET /_mock/history?channel=<name>',
];
