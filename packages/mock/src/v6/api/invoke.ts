/**
 * Runs one command of any route (a method's own route, a batch item, a legacy line) through the
 * same door, so that faults and records see every command alike: a `soft-error` fault answers
 * for the method instead of running it; each command is reported once it has run.
 */
import { handlers, type CommandMethod } from '../methods/index.js';
import type { MethodContext, MethodResult } from '../methods/types.js';
import type { SoftErrorId } from '../protocol.js';
import { GoMarshalError } from '../encode/raw.js';

/** One command as it ran, for the records. */
export interface CommandRun {
  /** Position in the batch or legacy body (0 for a method's own route). */
  readonly index: number;
  /** '' when the command named no method the server runs (a batch item without a known key, a PRO legacy method). */
  readonly method: CommandMethod | '';
  readonly paramsJson: string | undefined;
  readonly channels: readonly string[];
  /**
   * The outcome; `malformed` when the params did not decode (`message` says why), `unencodable`
   * when the reply could not be written (a payload that is not JSON: HTTP 500).
   */
  readonly result:
    MethodResult | { readonly ok: 'malformed'; readonly message: string } | { readonly ok: 'unencodable' };
}

export interface ExecuteHooks {
  /** The error a `soft-error` fault puts in this command's reply, if one matches. */
  softFault?(method: CommandMethod, channels: readonly string[]): SoftErrorId | undefined;
  /** Each command once it ran. */
  command?(run: CommandRun): void;
}

/** The channels a command names: `channel`, or broadcast's `channels`. */
export function channelsOf(params: unknown): readonly string[] {
  if (params === null || typeof params !== 'object') return NONE;
  const p = params as { channel?: unknown; channels?: unknown };
  if (typeof p.channel === 'string' && p.channel !== '') return [p.channel];
  if (Array.isArray(p.channels)) return p.channels as readonly string[];
  return NONE;
}

const NONE: readonly string[] = Object.freeze([]);

export function invoke(
  ctx: MethodContext,
  hooks: ExecuteHooks | undefined,
  index: number,
  method: CommandMethod,
  params: unknown,
  paramsJson: string | undefined,
): MethodResult {
  const channels = hooks === undefined ? NONE : channelsOf(params);
  const fault = hooks?.softFault?.(method, channels);
  let result: MethodResult;
  try {
    result =
      fault !== undefined
        ? { ok: false, error: fault }
        : (handlers[method] as (c: MethodContext, p: unknown) => MethodResult)(ctx, params);
  } catch (err) {
    if (err instanceof GoMarshalError)
      hooks?.command?.({ index, method, paramsJson, channels, result: { ok: 'unencodable' } });
    throw err;
  }
  hooks?.command?.({ index, method, paramsJson, channels, result });
  return result;
}
