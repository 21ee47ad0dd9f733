/**
 * Replies of the `envelope` shape: `{"<result>": {...}}` or `{"<error>": {code, message}}` for one
 * method; `{"<replies>": [{"<method>": result} | {"<error>": {...}}]}` for the keyed batch, aligned
 * with the commands by position (`{}` when there were none).
 */
import type { Command } from '../types.js';
import type { MalformedReason, RequestContext } from '../errors.js';
import { CentMalformedReplyError } from '../errors.js';
import { CentApiError } from './errors.js';

/** Field names the replies use (from the transport descriptor). */
export interface EnvelopeFields {
  result: string;
  error: string;
  code: string;
  message: string;
  replies: string;
}

/** One entry of a keyed batch, in the order the commands were added. */
export type KeyedBatchEntry<R, C extends number = number> =
  { ok: true; method: string; result: R } | { ok: false; method: string; error: CentApiError<C> };

type Json = Record<string, unknown>;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function malformed(
  ctx: RequestContext,
  text: string,
  reason: MalformedReason,
  detail: string,
): CentMalformedReplyError {
  return new CentMalformedReplyError(ctx, { reason, detail, body: text });
}

/** The body as a JSON object, or a `CentMalformedReplyError`. */
export function parseObject(ctx: RequestContext, text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed(ctx, text, 'not-json', 'the body is not JSON');
  }
  if (!isObject(parsed)) throw malformed(ctx, text, 'not-object', `expected a JSON object, got ${kindOf(parsed)}`);
  return parsed;
}

/** The server's error object as a `CentApiError`, or undefined when `value` is not one. */
export function apiError(
  ctx: RequestContext,
  fields: EnvelopeFields,
  value: unknown,
  method: string,
  status: number,
): CentApiError | undefined {
  if (!isObject(value)) return undefined;
  const code = value[fields.code];
  const message = value[fields.message];
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  return new CentApiError(ctx, { code, message: typeof message === 'string' ? message : '', method, status });
}

/** A 2xx reply to one method: its result, or throws its `CentApiError`. */
export function readEnvelope(
  ctx: RequestContext,
  fields: EnvelopeFields,
  text: string,
  method: string,
  status: number,
): unknown {
  const body = parseObject(ctx, text);
  const error = body[fields.error];
  if (error !== undefined && error !== null) {
    throw (
      apiError(ctx, fields, error, method, status) ??
      malformed(ctx, text, 'bad-error', `the ${fields.error} of ${method} has no numeric ${fields.code}`)
    );
  }
  if (!Object.hasOwn(body, fields.result)) {
    throw malformed(ctx, text, 'no-result', `the reply to ${method} has neither ${fields.result} nor ${fields.error}`);
  }
  return body[fields.result];
}

/**
 * A 2xx reply to the keyed batch: one entry per command, in order. `envelopeOf`: the batch
 * method's name when it answers like any method, its replies inside the envelope's result (by
 * default they are the whole body).
 */
export function readKeyedReplies(
  ctx: RequestContext,
  fields: EnvelopeFields,
  text: string,
  commands: readonly Command[],
  envelopeOf?: string,
): KeyedBatchEntry<unknown>[] {
  const result = envelopeOf === undefined ? parseObject(ctx, text) : readEnvelope(ctx, fields, text, envelopeOf, 200);
  if (!isObject(result))
    throw malformed(ctx, text, 'not-object', `expected the batch result to be an object, got ${kindOf(result)}`);
  const body = result;
  const replies = body[fields.replies];
  if (replies === undefined && commands.length === 0) return [];
  if (!Array.isArray(replies)) {
    const detail = replies === undefined ? 'none' : kindOf(replies);
    throw malformed(
      ctx,
      text,
      replies === undefined ? 'wrong-length' : 'not-array',
      `expected ${fields.replies} for ${commands.length} commands, got ${detail}`,
    );
  }
  if (replies.length !== commands.length) {
    throw malformed(ctx, text, 'wrong-length', `sent ${commands.length} commands, got ${replies.length} replies`);
  }
  return replies.map((item: unknown, index): KeyedBatchEntry<unknown> => {
    const method = commands[index]?.method ?? '';
    if (!isObject(item))
      throw malformed(ctx, text, 'item-not-object', `reply ${index} (${method}) is ${kindOf(item)}, not an object`);
    const error = item[fields.error];
    if (error !== undefined && error !== null) {
      const failed = apiError(ctx, fields, error, method, 200);
      if (failed === undefined)
        throw malformed(
          ctx,
          text,
          'bad-error',
          `reply ${index} (${method}) has an ${fields.error} without a numeric ${fields.code}`,
        );
      return { ok: false, method, error: failed };
    }
    if (Object.hasOwn(item, method)) return { ok: true, method, result: item[method] };
    const other = Object.keys(item)[0];
    if (other !== undefined)
      throw malformed(ctx, text, 'wrong-method', `reply ${index} is for ${other}, the command was ${method}`);
    throw malformed(ctx, text, 'no-result', `reply ${index} (${method}) has neither a result nor an ${fields.error}`);
  });
}
