/** Errors of the `params`/`envelope` codec: the server's own error object, and a refused API key. */
import type { RequestContext } from '../errors.js';
import { CentHttpError, CentRequestError } from '../errors.js';

/**
 * The server ran the method and answered with its error object `{code, message}`: in the reply
 * envelope (HTTP 200), in a batch reply, or as the whole body of a non-2xx reply in transport
 * error mode. `code` is the server's numbered code (the generated client types it as the protocol's
 * union of codes; a newer server may send others); `message` is the server's message.
 */
export class CentApiError<C extends number = number> extends CentRequestError {
  override name = 'CentApiError';
  declare readonly code: C;
  /** The method that failed (in a batch, the command's). */
  readonly method: string;
  /** The HTTP status it came with: 200, or the status of transport error mode. */
  readonly status: number;

  constructor(ctx: RequestContext, info: { code: C; message: string; method: string; status: number }) {
    super(info.code, info.message, ctx);
    this.method = info.method;
    this.status = info.status;
  }
}

/**
 * HTTP 401: the server refused the API key (or got none). The key itself is never in the error.
 */
export class CentAuthError extends CentHttpError {
  override name = 'CentAuthError';
  /** Whether the request carried a key. */
  readonly keySent: boolean;

  constructor(ctx: RequestContext, info: { body: string; keySent: boolean }) {
    const explanation = info.keySent
      ? "the API key was refused: it does not match the server's (a server with no key configured refuses every key)"
      : 'no API key was sent and the server requires one: pass apiKey';
    super(ctx, { status: 401, body: info.body, explanation });
    this.keySent = info.keySent;
  }
}

/**
 * `CentApiError` as a protocol's generated client exports it: the same class, its instances typed
 * with the protocol's union of codes, so `error instanceof CentApiError` narrows `code` to it.
 */
export interface CentApiErrorClass<C extends number> {
  new (ctx: RequestContext, info: { code: C; message: string; method: string; status: number }): CentApiError<C>;
  readonly prototype: CentApiError<C>;
}
