/**
 * The `params`/`envelope` codec: one method per request, POSTed to the transport's path template
 * (`/api/{method}`), the JSON body being the method's params; the API key in the header the
 * transport names; the reply an envelope (`envelope/reply.ts`). With `errorMode: 'transport'` the
 * server reports a failed method in the HTTP status with its bare error object as the body.
 */
import type { PreparedRequest } from '../http-transport.js';
import type { Command } from '../types.js';
import type { RequestContext } from '../errors.js';
import type { HttpTransportDescriptor } from '../transport-descriptor.js';
import type { EnvelopeFields, KeyedBatchEntry } from './reply.js';
import { CentEncodeError, CentHttpError, CentUsageError } from '../errors.js';
import { withoutHeaders } from '../headers.js';
import { redactAddress, redactUrl } from '../redact-url.js';
import { codecFor } from '../transport-descriptor.js';
import { CentAuthError } from './errors.js';
import { apiError, readEnvelope, readKeyedReplies } from './reply.js';

/** What the codec takes from the client's options. */
export interface EnvelopeCodecOptions {
  url: string;
  apiKey?: string | undefined;
  errorMode?: 'body' | 'transport' | undefined;
  path?: string | undefined;
  headers?: Record<string, string> | undefined;
}

export interface EnvelopeCodec {
  /** The server URL (for the transport: host, port, credentials). */
  url: URL;
  /** The HTTP method of every request. */
  method: string;
  /** The URL as errors and `inspect` show it (credentials redacted). */
  displayUrl: string;
  errorMode: 'body' | 'transport';
  /** Whether running the command twice is harmless. */
  replaySafe: (command: Command) => boolean;
  /** The batch method and its fields, when the transport has a keyed batch. */
  batch: { method: string; commands: string; options: readonly string[] } | undefined;
  prepareCall(command: Command): PreparedRequest<unknown>;
  prepareBatch(
    commands: readonly Command[],
    options: Record<string, unknown>,
  ): PreparedRequest<KeyedBatchEntry<unknown>[]>;
}

const CALL_OPTIONS: ReadonlySet<string> = new Set(['signal', 'timeout', 'retry', 'onReply']);

function explainStatus(status: number): string | undefined {
  if (status === 400)
    return "the server could not decode the body as the method's params: not JSON, or a field of the wrong type (it says no more)";
  if (status === 404)
    return 'no route for this method: an unknown method (or one this server edition does not have), or a wrong address or API path';
  if (status === 405) return 'the route does not accept this HTTP method';
  return undefined;
}

function encode(methods: readonly string[], value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    throw new CentEncodeError({ methods, cause });
  }
}

/** The codec for `descriptor` and the caller's options; `CentUsageError` for anything it cannot use. */
export function createEnvelopeCodec(
  descriptor: HttpTransportDescriptor,
  options: EnvelopeCodecOptions,
  replaySafe: (command: Command) => boolean,
): EnvelopeCodec {
  const id = String(descriptor.id);
  if (codecFor(descriptor) !== 'params-envelope')
    throw new CentUsageError(`transport ${id} is not a params/envelope transport`);
  const { reply, error, auth, http } = descriptor;
  if (reply.shape !== 'envelope' || error === undefined || http.body !== 'json') {
    throw new CentUsageError(
      `transport ${id}: the params/envelope codec needs a JSON body, reply field names and an error part`,
    );
  }
  if (auth !== undefined && auth.scheme !== 'api-key')
    throw new CentUsageError(`transport ${id}: auth scheme ${auth.scheme} is not api-key`);

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new CentUsageError(
      `url must be an absolute http(s) URL, got ${JSON.stringify(redactAddress(String(options.url)))}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CentUsageError(`url must use http: or https:, got ${url.protocol}`);
  const template = options.path ?? http.path;
  const at = template.indexOf('{method}');
  if (at < 0) throw new CentUsageError(`the path template must contain {method}, got ${JSON.stringify(template)}`);
  const apiKey = options.apiKey;
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === ''))
    throw new CentUsageError('apiKey must be a non-empty string');
  if (apiKey === undefined && auth !== undefined && auth.optional !== true)
    throw new CentUsageError('apiKey is required');
  const errorMode = options.errorMode ?? 'body';
  if (errorMode !== 'body' && errorMode !== 'transport')
    throw new CentUsageError(`errorMode must be 'body' or 'transport', got ${String(errorMode)}`);
  if (errorMode === 'transport' && error.transportMode === undefined)
    throw new CentUsageError(`transport ${id} has no transport error mode`);

  const own = new Set(['content-type', 'content-length']);
  const headers: Record<string, string> = { 'Content-Type': http.contentType ?? 'application/json' };
  if (apiKey !== undefined && auth !== undefined) {
    own.add(auth.header.toLowerCase());
    // The key lives only in this object, which no error, log or `inspect` output shows.
    headers[auth.header] = `${auth.prefix ?? ''}${apiKey}`;
  }
  if (errorMode === 'transport' && error.transportMode !== undefined) {
    own.add(error.transportMode.header.toLowerCase());
    headers[error.transportMode.header] = error.transportMode.value;
  }
  const allHeaders = { ...withoutHeaders(options.headers ?? {}, own), ...headers };

  const base = url.pathname.replace(/\/+$/, '');
  const before = `${base}${template.slice(0, at)}`;
  const after = `${template.slice(at + '{method}'.length)}${url.search}`;
  const shown = new URL(url.href);
  shown.pathname = '/';
  shown.search = '';
  shown.hash = '';
  const origin = redactUrl(shown).replace(/\/$/, '');
  const paths = new Map<string, { path: string; display: string }>();
  const route = (method: string): { path: string; display: string } => {
    let found = paths.get(method);
    if (found === undefined) {
      const path = `${before}${encodeURIComponent(method)}${after}`;
      found = { path, display: `${origin}${path}` };
      paths.set(method, found);
    }
    return found;
  };

  const batchPart = descriptor.batch !== undefined && 'method' in descriptor.batch ? descriptor.batch : undefined;
  // Batch options come in the same object as the call options: their names must not clash.
  const clash = batchPart?.options?.find((name) => CALL_OPTIONS.has(name));
  if (clash !== undefined)
    throw new CentUsageError(`transport ${id}: batch option ${clash} has the name of a call option`);
  const fields: EnvelopeFields = {
    result: reply.result,
    error: reply.error,
    code: error.code,
    message: error.message,
    replies: batchPart?.replies ?? 'replies',
  };
  const keySent = apiKey !== undefined;
  const statusError = (ctx: RequestContext, status: number, text: string): CentHttpError => {
    if (status === 401) return new CentAuthError(ctx, { body: text, keySent });
    const explanation = explainStatus(status);
    return new CentHttpError(
      ctx,
      explanation === undefined ? { status, body: text } : { status, body: text, explanation },
    );
  };
  const request = <T>(
    method: string,
    ctx: RequestContext,
    body: string,
    read: (status: number, text: string) => T,
    safe: () => boolean,
  ): PreparedRequest<T> => ({
    path: route(method).path,
    body,
    headers: { ...allHeaders, 'Content-Length': String(Buffer.byteLength(body, 'utf8')) },
    ctx,
    replaySafe: safe,
    read,
  });

  return {
    url,
    method: http.method,
    displayUrl: `${origin}${before}{method}${after}`,
    errorMode,
    replaySafe,
    batch:
      batchPart === undefined
        ? undefined
        : { method: batchPart.method, commands: batchPart.commands, options: batchPart.options ?? [] },
    prepareCall(command) {
      const { method } = command;
      const ctx: RequestContext = { url: route(method).display, methods: [method] };
      const body = encode(ctx.methods, command.params === undefined ? {} : command.params);
      return request(
        method,
        ctx,
        body,
        (status, text) => {
          if (status >= 200 && status < 300) return readEnvelope(ctx, fields, text, method, status);
          // Transport error mode: the method's error object is the whole body of a non-2xx reply.
          const bare = text.startsWith('{') ? apiError(ctx, fields, parseLoosely(text), method, status) : undefined;
          throw bare ?? statusError(ctx, status, text);
        },
        () => replaySafe(command),
      );
    },
    prepareBatch(commands, batchOptions) {
      if (batchPart === undefined) throw new CentUsageError(`transport ${id} has no batch`);
      const ctx: RequestContext = { url: route(batchPart.method).display, methods: commands.map((c) => c.method) };
      const items = commands.map(({ method, params }) => ({ [method]: params === undefined ? {} : params }));
      const body = encode(ctx.methods, { [batchPart.commands]: items, ...batchOptions });
      return request(
        batchPart.method,
        ctx,
        body,
        (status, text) => {
          if (status >= 200 && status < 300)
            return readKeyedReplies(
              ctx,
              fields,
              text,
              commands,
              batchPart.reply === 'bare' ? undefined : batchPart.method,
            );
          throw statusError(ctx, status, text);
        },
        () => commands.every(replaySafe),
      );
    },
  };
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
