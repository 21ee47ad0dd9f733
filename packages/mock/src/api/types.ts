/** What a method handler gets and gives back. */
import { decodeParamsText, type MethodName, type Params } from '../protocol.js';
import type { Transport } from '../state/recorded-command.js';
import type { MockNode } from '../state/node.js';

/** Error strings that reach API replies (`proto/errors.go`). */
export const ERR = {
  invalidMessage: 'invalid message',
  namespaceNotFound: 'namespace not found',
  notAvailable: 'not available',
  internal: 'internal server error',
} as const;

export const ADVICE_FIX = 'fix';

export interface CommandContext {
  readonly node: MockNode;
  readonly transport: Transport;
  /** The request was not valid UTF-8: its raw JSON may hold kept bytes (json/kept-bytes.ts). */
  readonly keptBytes: boolean;
}

/** A reply object for the batch (soft error or success). */
export interface Reply {
  readonly kind: 'reply';
  readonly error: string | null;
  readonly advice: string | null;
  /** The `body` value as JSON text. */
  readonly body: string;
  readonly channels: readonly string[];
  /** `body` holds kept bytes (raw data that was not valid UTF-8), to be written back as bytes. */
  readonly keptBytes?: boolean;
}

/** A hard error: the whole request fails with HTTP 400 (`path` is relative to the command). */
export interface Rejection {
  readonly kind: 'rejected';
  readonly path: string;
  readonly message: string;
  readonly channels: readonly string[];
}

export type CommandResult = Reply | Rejection;

export type MethodHandler = (ctx: CommandContext, params: string | undefined) => CommandResult;

export function reply(
  body: string,
  channels: readonly string[],
  error: string | null = null,
  advice: string | null = null,
): Reply {
  return { kind: 'reply', error, advice, body, channels };
}

export function reject(path: string, message: string, channels: readonly string[] = []): Rejection {
  return { kind: 'rejected', path, message, channels };
}

/**
 * Decodes params into the method's struct as `json.Unmarshal(cmd.Params, &p)` does: absent
 * params fail (`unexpected end of JSON input`), `null` gives the zero struct.
 */
export function decodeParams<M extends MethodName>(
  params: string | undefined,
  method: M,
): { kind: 'decoded'; value: Params<M> } | Rejection {
  if (params === undefined) return reject('/params', 'params are required (missing params cannot be decoded)');
  const r = decodeParamsText(method, params);
  return r.ok ? { kind: 'decoded', value: r.value } : reject(`/params${r.path}`, r.message);
}
