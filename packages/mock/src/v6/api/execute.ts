/**
 * One request to the v6 server API as plain data, in the server's order: `admit` (the route:
 * 404, 307; POST only: 405; the API key: 401) before any body is read, `prepare` (the body
 * decoded into the method's params: 400), `perform` (the method, its reply, and a reply that
 * json.Marshal cannot write: 500). The HTTP handler runs the three with faults and records in
 * between; `executeV6` runs them back to back (tests).
 */
import { firstHeader } from '../../http/raw-header.js';
import { decodeKeptBytes } from '../../json/kept-bytes.js';
import { GoMarshalError } from '../encode/raw.js';
import type { CommandMethod } from '../methods/index.js';
import type { MethodContext } from '../methods/types.js';
import { decodeParams, type MethodName } from '../protocol.js';
import type { ResolvedConfigV6 } from '../config/types.js';
import type { NodeV6 } from '../state/node.js';
import type { AdmitMemo } from './admit-memo.js';
import { keyAccepted } from './auth.js';
import { runBatch } from './batch.js';
import { hard, json, redirect, type RequestV6, type ResponseV6 } from './exchange.js';
import { invoke, type ExecuteHooks } from './invoke.js';
import { runLegacy } from './legacy.js';
import { methodReply } from './reply.js';
import { routeV6, splitTarget, type RouteV6 } from './route.js';

export type ApiRoute = Extract<RouteV6, { kind: 'method' | 'legacy' | 'health' }>;

/** Why a request was answered before its body: for the records of a strict mock. */
export type Refusal = 'route' | 'method' | 'auth';

export type Admission =
  | { readonly response: ResponseV6; readonly refusal?: Refusal }
  /** The target Go's server cannot parse: it answers by itself and closes. */
  | { readonly unparsable: true }
  | { readonly route: ApiRoute };

/** `admitBy` with the node's config, logging an empty configured key as the server does. */
export function admit(
  node: NodeV6,
  req: Pick<RequestV6, 'method' | 'target' | 'rawHeaders'>,
  memo?: AdmitMemo,
): Admission {
  const a = admitBy(node.config, req, memo);
  if ('refusal' in a && a.refusal === 'auth' && node.config.httpApi.key === '') node.logger.error('API key is empty');
  return a;
}

/**
 * The checks made before any body is read, in the server's order: the route, POST, the API key.
 * `memo`: the server's (it remembers the last target, route and key bytes).
 */
export function admitBy(
  config: ResolvedConfigV6,
  req: Pick<RequestV6, 'method' | 'target' | 'rawHeaders'>,
  memo?: AdmitMemo,
): Admission {
  const target = memo === undefined ? splitTarget(req.target) : memo.target(req.target);
  if (target === undefined) return { unparsable: true };
  const route = memo === undefined ? routeV6(target, config) : memo.route(target, config);
  switch (route.kind) {
    case 'redirect':
      return { response: redirect(req.method, route.location) };
    case 'not-found':
    case 'bad-request':
      return { response: hard('route_not_found'), refusal: 'route' };
    case 'health':
      return { route };
    case 'method':
    case 'legacy':
      break;
  }
  if (req.method !== 'POST') return { response: hard('method_not_allowed'), refusal: 'method' };
  const api = config.httpApi;
  if (!api.insecure && !keyAccepted(api.key, req.rawHeaders, route.query, memo?.keyBytes(api.key)))
    return { response: hard('unauthorized'), refusal: 'auth' };
  return { route };
}

export type Prepared =
  | { readonly kind: 'method'; readonly method: MethodName; readonly text: string; readonly params: unknown }
  /** The body does not decode into the params (HTTP 400): bad syntax, or a wrong type at `path`. */
  | {
      readonly kind: 'malformed';
      readonly method: MethodName | 'legacy';
      readonly text: string;
      readonly syntax: boolean;
      readonly path: string;
      readonly message: string;
    }
  | { readonly kind: 'legacy'; readonly text: string }
  | { readonly kind: 'health' };

export function prepare(route: ApiRoute, body: Buffer): Prepared {
  if (route.kind === 'health') return { kind: 'health' };
  const text = decodeKeptBytes(body).text;
  if (route.kind === 'legacy') return { kind: 'legacy', text };
  const decoded = decodeParams(route.method, text);
  if (!decoded.ok)
    return {
      kind: 'malformed',
      method: route.method,
      text,
      syntax: decoded.kind === 'syntax',
      path: decoded.path,
      message: decoded.message,
    };
  return { kind: 'method', method: route.method, text, params: decoded.value };
}

export function perform(node: NodeV6, p: Prepared, rawHeaders: readonly string[], hooks?: ExecuteHooks): ResponseV6 {
  const ctx: MethodContext = { node };
  try {
    switch (p.kind) {
      case 'health':
        return json('{}');
      case 'malformed':
        return hard('malformed_request');
      case 'legacy': {
        const body = runLegacy(ctx, p.text, hooks);
        return body === 'bad-request' ? hard('malformed_request') : json(body);
      }
      case 'method':
        if (p.method === 'batch') return json(runBatch(ctx, p.params as never, p.text, hooks));
        return methodReply(
          invoke(ctx, hooks, 0, p.method as CommandMethod, p.params, p.text),
          transportMode(node.config, rawHeaders),
        );
    }
  } catch (err) {
    if (!(err instanceof GoMarshalError)) throw err;
    node.logger.error(`error encoding API response: ${err.message}`);
    return hard('internal_server_error_http');
  }
}

/** The whole request, in process. */
export function executeV6(node: NodeV6, req: RequestV6, hooks?: ExecuteHooks): ResponseV6 {
  const a = admit(node, req);
  if ('unparsable' in a)
    return {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' },
      body: '400 Bad Request',
    };
  if ('response' in a) return a.response;
  return perform(node, prepare(a.route, req.body), req.rawHeaders, hooks);
}

/** Transport error mode (a failed method answers with its HTTP status and the bare error): by config, or asked for by the request. */
export function transportMode(config: ResolvedConfigV6, rawHeaders: readonly string[]): boolean {
  return config.httpApi.errorMode === 'transport' || firstHeader(rawHeaders, 'x-centrifugo-error-mode') === 'transport';
}
