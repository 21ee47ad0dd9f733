/**
 * The `commands` codec (request and reply shape `commands`, the 1.x API): every request carries an
 * array of `{method, params}` commands, form- or JSON-encoded and HMAC-signed, to one URL; the
 * reply is an array with one item per command.
 */
import type { PreparedRequest } from '../http-transport.js';
import type { BatchEntry, Command } from '../types.js';
import type { RequestContext } from '../errors.js';
import { CentHttpError } from '../errors.js';
import { buildPayload, encodeCommands } from './encode.js';
import { parseReply } from './reply.js';

export interface CommandsCodecConfig {
  /** Path and query of the API URL. */
  path: string;
  /** The API URL as errors show it. */
  displayUrl: string;
  encoding: 'form' | 'json';
  /** Signs `data`; `undefined` in insecure mode. Holds the secret in its closure. */
  sign: ((data: string) => string) | undefined;
  /** The caller's headers, without those the codec sets. */
  headers: Record<string, string>;
  /** Whether running the command twice is harmless (a read, or a write with an idempotency key). */
  replaySafe: (command: Command) => boolean;
}

/** Headers the codec sets itself, whatever case the caller gave them in. */
export const COMMANDS_OWN_HEADERS: ReadonlySet<string> = new Set(['content-type', 'content-length', 'x-api-sign']);

/** What a non-2xx status means for a commands request. */
export function explainCommandsStatus(status: number): string | undefined {
  if (status === 400) {
    return 'the server refused the request: unknown method or malformed params (or no sign while the server is not in insecure_api mode, or no secret configured on the server); the commands before the bad one may have run';
  }
  if (status === 401) return "the sign was rejected: the secret probably does not match the server's";
  if (status === 404 || status === 301)
    return "no API handler at this URL: check the address (and the server's http_prefix)";
  return undefined;
}

/** One request carrying `commands`, signed once for all its attempts. */
export function prepareCommands(
  config: CommandsCodecConfig,
  commands: readonly Command[],
): PreparedRequest<BatchEntry<unknown>[]> {
  const ctx: RequestContext = { url: config.displayUrl, methods: commands.map((c) => c.method) };
  const data = encodeCommands(commands);
  const payload = buildPayload(config.encoding, data, config.sign?.(data));
  return {
    path: config.path,
    body: payload.body,
    headers: { ...config.headers, ...payload.headers },
    ctx,
    replaySafe: () => commands.every(config.replaySafe),
    read: (status, text) => {
      if (status >= 200 && status < 300) return parseReply(ctx, text, commands);
      const explanation = explainCommandsStatus(status);
      throw new CentHttpError(
        ctx,
        explanation === undefined ? { status, body: text } : { status, body: text, explanation },
      );
    },
  };
}
