/** What a v6 method handler gets and gives back. */
import type { MethodName, Params, SoftErrorId } from '../protocol.js';
import type { NodeV6 } from '../state/node.js';

/** A result object's JSON text, or a numbered error. */
export type MethodResult =
  { readonly ok: true; readonly result: string } | { readonly ok: false; readonly error: SoftErrorId };

export interface MethodContext {
  readonly node: NodeV6;
}

export type Handler<M extends MethodName> = (ctx: MethodContext, params: Params<M>) => MethodResult;

export const ok = (result: string): MethodResult => ({ ok: true, result });

/** Results and errors every method shares, made once. */
export const EMPTY: MethodResult = ok('{}');
export const BAD_REQUEST: MethodResult = { ok: false, error: 'bad_request' };
export const UNKNOWN_CHANNEL: MethodResult = { ok: false, error: 'unknown_channel' };
export const NOT_AVAILABLE: MethodResult = { ok: false, error: 'not_available' };
export const NOT_FOUND: MethodResult = { ok: false, error: 'not_found' };
export const INTERNAL: MethodResult = { ok: false, error: 'internal_server_error' };
export const UNRECOVERABLE: MethodResult = { ok: false, error: 'unrecoverable_position' };
