/**
 * One request to the v6 server API, start to finish, as plain data in and out: the route (404,
 * 307), POST only (405), the API key (401), then the body decoded into the method's params (400)
 * and the method, its reply, and a reply that json.Marshal cannot write (500). The HTTP server
 * and the golden replay both run requests through here.
 */
import { decodeParams, type MethodName } from '../protocol.js';
import { handlers } from '../methods/index.js';
import type { MethodContext } from '../methods/types.js';
import { GoMarshalError } from '../encode/raw.js';
import type { NodeV6 } from '../state/node.js';
import { keyAccepted } from './auth.js';
import { runBatch } from './batch.js';
import { hard, json, redirect, type RequestV6, type ResponseV6 } from './exchange.js';
import { runLegacy } from './legacy.js';
import { methodReply } from './reply.js';
import { routeV6, splitTarget, type RouteV6 } from './route.js';
import { firstHeader } from '../../http/raw-header.js';
import { decodeKeptBytes } from '../../json/kept-bytes.js';

export type Stage = 'route' | 'method' | 'auth';

/** The answer before the body is read, or the route to run (the server layer reads the body only then). */
export function admit(node: NodeV6, req: Pick<RequestV6, 'method' | 'target' | 'rawHeaders'>): { readonly response: ResponseV6 } | { readonly route: Extract<RouteV6, { kind: 'method' | 'legacy' | 'health' }> } {
  const target = splitTarget(req.target);
  if (target === undefined) return { response: { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }, body: '400 Bad Request' } };
  const route = routeV6(target, node.config);
  switch (route.kind) {
    case 'redirect':
      return { response: redirect(req.method, route.location) };
    case 'not-found':
    case 'bad-request':
      return { response: hard('route_not_found') };
    case 'health':
      return { route };
    case 'method':
    case 'legacy':
      break;
  }
  if (req.method !== 'POST') return { response: hard('method_not_allowed') };
  const api = node.config.httpApi;
  if (!api.insecure && !keyAccepted(api.key, req.rawHeaders, route.query)) {
    if (api.key === '') node.logger.error('API key is empty');
    return { response: hard('unauthorized') };
  }
  return { route };
}

export function executeV6(node: NodeV6, req: RequestV6): ResponseV6 {
  const a = admit(node, req);
  if ('response' in a) return a.response;
  return run(node, a.route, req);
}

export function run(node: NodeV6, route: Extract<RouteV6, { kind: 'method' | 'legacy' | 'health' }>, req: RequestV6): ResponseV6 {
  if (route.kind === 'health') return json('{}');
  const ctx: MethodContext = { node };
  const text = decodeKeptBytes(req.body).text;
  try {
    if (route.kind === 'legacy') {
      const body = runLegacy(ctx, text);
      return body === 'bad-request' ? hard('malformed_request') : json(body);
    }
    return runMethod(ctx, route.method, text, transportMode(node, req));
  } catch (err) {
    if (!(err instanceof GoMarshalError)) throw err;
    node.logger.error(`error encoding API response: ${err.message}`);
    return hard('internal_server_error_http');
  }
}

function runMethod(ctx: MethodContext, method: MethodName, text: string, transport: boolean): ResponseV6 {
  const decoded = decodeParams(method, text);
  if (!decoded.ok) return hard('malformed_request');
  if (method === 'batch') return json(runBatch(ctx, decoded.value as never));
  const r = (handlers[method] as (c: MethodContext, p: unknown) => ReturnType<(typeof handlers)['publish']>)(ctx, decoded.value);
  return methodReply(r, transport);
}

function transportMode(node: NodeV6, req: RequestV6): boolean {
  return node.config.httpApi.errorMode === 'transport' || firstHeader(req.rawHeaders, 'x-centrifugo-error-mode') === 'transport';
}
