/**
 * How a method's outcome becomes the HTTP answer of a per-method route: `{"result":…}` or
 * `{"error":{"code","message"}}` with 200; in transport error mode (`http_api.error_mode` or the
 * exact header `X-Centrifugo-Error-Mode: transport`) an error is the bare error object with its
 * catalogue status instead. The error texts come from the catalogue.
 */
import { goQuote } from '../../json/go-quote.js';
import type { MethodResult } from '../methods/types.js';
import { softError, type SoftErrorId } from '../protocol.js';
import { json, type ResponseV6 } from './exchange.js';

/** `{"code":N,"message":"…"}` of a numbered error. */
export function errorObject(id: SoftErrorId): string {
  const e = softError(id);
  return `{"code":${e.code},"message":${goQuote(e.message)}}`;
}

export function methodReply(r: MethodResult, transportMode: boolean): ResponseV6 {
  if (r.ok) return json(`{"result":${r.result}}`);
  if (transportMode) return json(errorObject(r.error), softError(r.error).transportStatus);
  return json(`{"error":${errorObject(r.error)}}`);
}
