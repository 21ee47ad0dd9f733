/**
 * Every error the client throws is a `CentError` with a stable `code` and plain fields.
 * None of them ever holds the secret: they are built from the URL (credentials redacted),
 * method names, status codes and the server's reply, never from the options or the request body.
 */
import type { BatchEntry } from './types.js';

export type CentErrorCode =
  | 'CENT_TRANSPORT'
  | 'CENT_TIMEOUT'
  | 'CENT_ABORT'
  | 'CENT_HTTP'
  | 'CENT_MALFORMED_REPLY'
  | 'CENT_COMMAND'
  | 'CENT_CONTRACT'
  | 'CENT_ENCODE'
  | 'CENT_USAGE'
  | 'CENT_REPLY_TOO_LARGE'
  | 'CENT_PARAMS';

/** Which request failed: the API URL (credentials redacted) and the methods it carried, in order. */
export interface RequestContext {
  url: string;
  methods: readonly string[];
}

/**
 * Set on an error thrown by a batch `send()`: what is known about the commands.
 * `entries` are the settled entries of commands `0 .. failedAt-1`. The commands of the failed
 * request (from `failedAt` to the end of its chunk) may or may not have run; commands of later
 * chunks were not sent.
 */
export interface BatchProgress {
  entries: BatchEntry<unknown>[];
  failedAt: number;
  total: number;
}

const BODY_LIMIT = 512;

/** A reply body cut to a size fit for an error message. */
export function excerpt(text: string): string {
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (${text.length} chars)` : text;
}

export class CentError extends Error {
  override name = 'CentError';
  /** A stable `CENT_*` string; a `CentApiError`'s is the server's numbered error code instead. */
  readonly code: CentErrorCode | number;
  /** HTTP attempts made before this error (1 without retries). */
  attempts = 1;
  /** Only on errors from a batch `send()`. */
  batch?: BatchProgress;

  constructor(code: CentErrorCode | number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** Plain fields, for loggers: no stack, the cause reduced to its code. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') out[key] = value;
    }
    return out;
  }
}

/** An error about one HTTP request: which URL (credentials redacted) and which methods it carried. */
export class CentRequestError extends CentError {
  override name = 'CentRequestError';
  readonly url: string;
  readonly methods: readonly string[];

  constructor(code: CentErrorCode | number, message: string, ctx: RequestContext, options?: { cause?: unknown }) {
    super(code, message, options);
    this.url = ctx.url;
    this.methods = ctx.methods;
  }
}

/** The connection failed: refused, reset, DNS, TLS... `causeCode` keeps Node's code (`ECONNREFUSED`). */
export class CentTransportError extends CentRequestError {
  override name = 'CentTransportError';
  readonly causeCode: string;
  /** False only when no byte of the request was handed to the network: the server cannot have run it. */
  readonly mayHaveReachedServer: boolean;
  /**
   * A reused keep-alive connection closed before any byte of the reply. The server may have closed
   * it while idle, or after running the request: unless `mayHaveReachedServer` is false, it may have run.
   */
  readonly staleConnection: boolean;

  constructor(
    ctx: RequestContext,
    info: { causeCode: string; mayHaveReachedServer: boolean; staleConnection?: boolean; cause?: unknown },
  ) {
    const detail = info.cause instanceof Error ? info.cause.message : info.causeCode;
    const reached = !info.mayHaveReachedServer
      ? 'the request did not reach the server'
      : info.staleConnection
        ? 'the reused keep-alive connection closed before any reply: the server may have closed it while idle, or after running the request, so it may have run'
        : 'the request may have reached the server';
    super('CENT_TRANSPORT', `cannot talk to ${ctx.url} (${info.causeCode}: ${detail}); ${reached}`, ctx, {
      cause: info.cause,
    });
    this.causeCode = info.causeCode;
    this.mayHaveReachedServer = info.mayHaveReachedServer;
    this.staleConnection = info.staleConnection ?? false;
  }
}

/**
 * The call ran out of time. `scope: 'call'`: the whole call's `timeout` (all attempts and delays);
 * `scope: 'attempt'`: `retry.attemptTimeout` of one attempt.
 */
export class CentTimeoutError extends CentRequestError {
  override name = 'CentTimeoutError';
  readonly timeout: number;
  readonly scope: 'call' | 'attempt';
  readonly mayHaveReachedServer: boolean;

  constructor(
    ctx: RequestContext,
    info: { timeout: number; scope: 'call' | 'attempt'; mayHaveReachedServer: boolean },
  ) {
    const what = info.scope === 'call' ? 'the call' : 'one attempt';
    const reached = info.mayHaveReachedServer
      ? 'the request may have reached the server'
      : 'the connection was not even open';
    super('CENT_TIMEOUT', `${what} to ${ctx.url} timed out after ${info.timeout} ms; ${reached}`, ctx);
    this.timeout = info.timeout;
    this.scope = info.scope;
    this.mayHaveReachedServer = info.mayHaveReachedServer;
  }
}

/** The caller's `AbortSignal` fired. `reason` is the signal's reason. */
export class CentAbortError extends CentRequestError {
  override name = 'CentAbortError';
  readonly reason: unknown;
  readonly mayHaveReachedServer: boolean;

  constructor(ctx: RequestContext, info: { reason: unknown; mayHaveReachedServer: boolean }) {
    const reached = info.mayHaveReachedServer ? 'the request may have reached the server' : 'nothing was sent';
    super('CENT_ABORT', `the call to ${ctx.url} was aborted; ${reached}`, ctx, { cause: info.reason });
    this.reason = info.reason;
    this.mayHaveReachedServer = info.mayHaveReachedServer;
  }
}

/** What a status means when the codec has nothing more specific to say. */
export function explainStatus(status: number): string {
  if (status === 503) return 'the server is unavailable (shutting down or overloaded)';
  if (status >= 500) return 'the server failed; for a batch, some commands may have run';
  return 'unexpected status';
}

/**
 * A non-2xx status. `body` is the reply text (cut to 512 chars). The codec that read the reply
 * gives `explanation` (what the status means for its protocol); the message never holds a credential.
 */
export class CentHttpError extends CentRequestError {
  override name = 'CentHttpError';
  readonly status: number;
  readonly body: string;

  constructor(ctx: RequestContext, info: { status: number; body: string; explanation?: string }) {
    super('CENT_HTTP', `HTTP ${info.status} from ${ctx.url}: ${info.explanation ?? explainStatus(info.status)}`, ctx);
    this.status = info.status;
    this.body = excerpt(info.body);
  }
}

/**
 * `commands` replies: `not-array`, `wrong-length`, `item-not-object`, `wrong-method`, `no-body`;
 * `envelope` replies: `not-object`, `no-result` (neither result nor error), `bad-error` (an error
 * without a numeric code), and for a batch `wrong-length`, `item-not-object`, `wrong-method`.
 */
export type MalformedReason =
  | 'not-json'
  | 'not-array'
  | 'wrong-length'
  | 'item-not-object'
  | 'wrong-method'
  | 'no-body'
  | 'not-object'
  | 'no-result'
  | 'bad-error';

/** A 2xx reply that is not what the server sends: not JSON, not an array, wrong length, item without body... */
export class CentMalformedReplyError extends CentRequestError {
  override name = 'CentMalformedReplyError';
  readonly reason: MalformedReason;
  readonly body: string;

  constructor(ctx: RequestContext, info: { reason: MalformedReason; detail: string; body: string }) {
    super('CENT_MALFORMED_REPLY', `malformed reply from ${ctx.url}: ${info.detail}`, ctx);
    this.reason = info.reason;
    this.body = excerpt(info.body);
  }
}

/** One problem found by reply validation; `path` is a JSON pointer into the reply body. */
export interface ContractIssue {
  path: string;
  message: string;
  keyword: string;
}

/** What the schema checks before sending and after receiving share: the method, the issues, where. */
abstract class CentSchemaError extends CentError {
  readonly method: string;
  /** JSON pointer of the first issue; `''` is the checked value itself. */
  readonly path: string;
  readonly issues: readonly ContractIssue[];
  /** Index of the command in the batch, for batch sends. */
  readonly index: number | undefined;

  /** `what` names the checked value (`reply to publish`), `root` how the message calls its top. */
  constructor(
    code: CentErrorCode,
    info: { method: string; issues: readonly ContractIssue[]; index?: number },
    what: (where: string) => string,
    root: string,
    tail = '',
  ) {
    const first = info.issues[0];
    const path = first?.path ?? '';
    const where = info.index === undefined ? '' : ` (command ${info.index})`;
    const more = info.issues.length > 1 ? ` (+${info.issues.length - 1} more)` : '';
    super(code, `${what(where)} at ${path === '' ? root : path}: ${first?.message ?? 'invalid'}${more}${tail}`);
    this.method = info.method;
    this.path = path;
    this.issues = info.issues;
    this.index = info.index;
  }
}

/** With `validateReplies`, a successful reply body does not match the method's result schema. */
export class CentContractError extends CentSchemaError {
  override name = 'CentContractError';

  constructor(info: { method: string; issues: readonly ContractIssue[]; index?: number }) {
    super('CENT_CONTRACT', info, (where) => `reply to ${info.method}${where} breaks the schema`, '(body)');
  }
}

/**
 * A reply bigger than `maxReplyBytes`, told by its `Content-Length` or by counting the body as it
 * came: the connection was destroyed and nothing past the limit was kept. The server answered, so
 * it ran the request. Never retried (the same request would get the same reply).
 */
export class CentReplyTooLargeError extends CentRequestError {
  override name = 'CentReplyTooLargeError';
  /** `maxReplyBytes`. */
  readonly limit: number;
  /** The reply's `Content-Length`, when it declared one above the limit. */
  readonly declared: number | undefined;
  /** Body bytes received before the client gave up. */
  readonly received: number;
  readonly status: number;

  constructor(
    ctx: RequestContext,
    info: { limit: number; declared: number | undefined; received: number; status: number },
  ) {
    const size =
      info.declared === undefined ? `more than ${info.limit} bytes came` : `its Content-Length is ${info.declared}`;
    super(
      'CENT_REPLY_TOO_LARGE',
      `the reply from ${ctx.url} is larger than maxReplyBytes (${info.limit}): ${size}; the connection was closed, the server did run the request`,
      ctx,
    );
    this.limit = info.limit;
    this.declared = info.declared;
    this.received = info.received;
    this.status = info.status;
  }
}

/** With `validateParams`, a command's params break the method's params schema (typed view). Nothing was sent. */
export class CentParamsError extends CentSchemaError {
  override name = 'CentParamsError';

  constructor(info: { method: string; issues: readonly ContractIssue[]; index?: number }) {
    super(
      'CENT_PARAMS',
      info,
      (where) => `params of ${info.method}${where} break the schema`,
      '(params)',
      '; nothing was sent',
    );
  }
}

/** The params cannot be serialised (BigInt, cycles...). Nothing was sent. */
export class CentEncodeError extends CentError {
  override name = 'CentEncodeError';
  readonly methods: readonly string[];

  constructor(info: { methods: readonly string[]; cause: unknown }) {
    const detail = info.cause instanceof Error ? info.cause.message : String(info.cause);
    super('CENT_ENCODE', `cannot encode the params of ${info.methods.join(', ')} as JSON: ${detail}`, {
      cause: info.cause,
    });
    this.methods = info.methods;
  }
}

/** Wrong options or use of the API (bad address, unsupported method for a transport...). */
export class CentUsageError extends CentError {
  override name = 'CentUsageError';

  constructor(message: string) {
    super('CENT_USAGE', message);
  }
}
