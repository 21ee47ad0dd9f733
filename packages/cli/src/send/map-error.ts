/**
 * The client's typed errors as the CLI's: one line, a fix, an exit code. The messages name the
 * API URL (credentials redacted) and where the secret came from, never the secret.
 */
import {
  CentError,
  CentHttpError,
  CentMalformedReplyError,
  CentReplyTooLargeError,
  CentTimeoutError,
  CentTransportError,
} from '@centkit/client';
import { CliError } from '../errors.js';
import type { Settings } from '../config/resolve-settings.js';

const NO_CONNECTION: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Where in the run a request failed. */
export interface SendContext {
  readonly batch: boolean;
  /** 1-based number of the request that failed. */
  readonly request: number;
  /** Commands of the earlier requests, all answered and printed. */
  readonly answered: number;
  readonly lastAnsweredLine: number | undefined;
}

export function mapSendError(error: unknown, settings: Settings, context: SendContext): unknown {
  const mapped = mapError(error, settings, context.batch);
  if (!(mapped instanceof CliError) || context.answered === 0) return mapped;
  // The problem is about this request; the requests before it ran.
  const before = `${context.answered} command${context.answered === 1 ? '' : 's'} before it (up to batch line ${context.lastAnsweredLine ?? '?'}) ran in earlier requests and their replies are on stdout`;
  return new CliError(
    mapped.kind,
    `request ${context.request} of the batch failed: ${mapped.problem}; the ${before}`,
    mapped.fix,
  );
}

function mapError(error: unknown, settings: Settings, batch: boolean): unknown {
  if (!(error instanceof CentError)) return error;
  const url = settings.apiUrl;
  const address = `Check the address (from ${settings.address.source}) and that Centrifugo is running there.`;
  if (error instanceof CentTransportError) {
    const what = NO_CONNECTION[error.causeCode];
    if (what !== undefined) return new CliError('connection', `cannot reach ${url}: ${what}`, address);
    const reached = error.mayHaveReachedServer ? '; the request may have reached the server' : '';
    return new CliError('connection', `connection to ${url} failed (${error.causeCode})${reached}`, address);
  }
  if (error instanceof CentTimeoutError) {
    return new CliError(
      'timeout',
      `no reply from ${url} within ${settings.timeout.value} s${error.mayHaveReachedServer ? '; the request may have reached the server' : ''}`,
      'Raise --timeout (or CENT_TIMEOUT, or timeout in the config section), or check the server.',
    );
  }
  if (error instanceof CentHttpError) return httpError(error.status, settings, batch);
  if (error instanceof CentReplyTooLargeError) {
    const size =
      error.declared === undefined ? `more than ${error.limit} bytes came` : `its Content-Length is ${error.declared}`;
    const ran = batch ? "the server did run this request's commands" : 'the server did run the command';
    return new CliError(
      'malformedReply',
      `the reply from ${url} is larger than ${error.limit >> 20} MiB (${size}): cent stopped reading and closed the connection; ${ran}`,
      `Is the address a Centrifugo 1.x server? cent reads replies of up to ${error.limit >> 20} MiB.`,
    );
  }
  if (error instanceof CentMalformedReplyError) {
    const detail = error.message.replace(/^malformed reply from \S+: /, '');
    return new CliError(
      'malformedReply',
      `malformed reply from ${url}: ${detail}`,
      'Is the address a Centrifugo 1.x server? --raw prints the reply as received.',
    );
  }
  return new CliError('server', `request to ${url} failed: ${error.message}`, 'Run again with --verbose for details.');
}

function httpError(status: number, settings: Settings, batch: boolean): CliError {
  const url = settings.apiUrl;
  if (status === 401) {
    return new CliError(
      'auth',
      `the server rejected the request's sign (HTTP 401 from ${url}): the secret probably does not match the server's`,
      `Check the secret (from ${settings.secret.source}) against the server's "secret" setting.`,
    );
  }
  if (status === 400) {
    // Bodies over Go's form limit are never sent (split-requests.ts): a 400 is about a command.
    const ran = batch ? '; commands of this request before the bad one may have run' : '';
    return new CliError(
      'server',
      `the server refused the request (HTTP 400 from ${url}): unknown method or params it cannot decode${ran}`,
      'Check the method and params (cent help METHOD); the server does not say which.',
    );
  }
  if (status === 404)
    return new CliError(
      'server',
      `no Centrifugo API at ${url} (HTTP 404)`,
      `Check the address (from ${settings.address.source}) and the server's http_prefix.`,
    );
  if (status >= 500) {
    const ran = batch ? '; some commands may have run' : '';
    return new CliError('server', `the server failed (HTTP ${status} from ${url})${ran}`, "Check the server's log.");
  }
  return new CliError(
    'server',
    `unexpected HTTP ${status} from ${url}`,
    `Check the address (from ${settings.address.source}).`,
  );
}
