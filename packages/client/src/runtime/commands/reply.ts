/**
 * The reply of a 2xx request: a JSON array with one item per command sent, in order,
 * `{"uid"?, "method", "error": null | "<msg>", "advice"?, "body"}` (server spec §4).
 */
import type { BatchEntry, Command } from '../types.js';
import type { RequestContext } from '../errors.js';
import { CentMalformedReplyError } from '../errors.js';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function parseReply(ctx: RequestContext, text: string, commands: readonly Command[]): BatchEntry<unknown>[] {
  const malformed = (reason: CentMalformedReplyError['reason'], detail: string): CentMalformedReplyError =>
    new CentMalformedReplyError(ctx, { reason, detail, body: text });

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed('not-json', 'the body is not JSON');
  }
  if (!Array.isArray(parsed)) {
    throw malformed('not-array', `expected an array of ${commands.length} replies, got ${kindOf(parsed)}`);
  }
  if (parsed.length !== commands.length) {
    throw malformed('wrong-length', `sent ${commands.length} commands, got ${parsed.length} replies`);
  }
  return parsed.map((item: unknown, index): BatchEntry<unknown> => {
    const method = commands[index]?.method ?? '';
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw malformed('item-not-object', `reply ${index} (${method}) is ${kindOf(item)}, not an object`);
    }
    const fields = item as Record<string, unknown>;
    if (typeof fields['method'] === 'string' && fields['method'] !== method) {
      throw malformed('wrong-method', `reply ${index} is for ${fields['method']}, the command was ${method}`);
    }
    const error = fields['error'];
    if (error !== undefined && error !== null && error !== '') {
      const advice = fields['advice'];
      return typeof advice === 'string' && advice !== ''
        ? { ok: false, method, error: String(error), advice }
        : { ok: false, method, error: String(error) };
    }
    if (!('body' in fields)) {
      throw malformed('no-body', `reply ${index} (${method}) has neither an error nor a body`);
    }
    return { ok: true, method, body: fields['body'] };
  });
}
