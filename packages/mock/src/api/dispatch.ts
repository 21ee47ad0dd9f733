/**
 * Runs decoded commands in order (`api.go:59-160`). A hard error stops the batch and fails the
 * whole request, but commands before it keep their side effects; soft errors go in the reply.
 * Every command is recorded, with the transport it came on.
 */
import { goDocumentView } from '../json/go-view.js';
import { withoutKeptBytes } from '../json/kept-bytes.js';
import {
  canonicalMethodName,
  isMethodName,
  paramsStructs,
  structs,
  type ValidateParams,
  type ValidationIssue,
} from '../protocol.js';
import type { MockNode } from '../state/node.js';
import type { Transport } from '../state/recorded-command.js';
import type { RawCommand } from './decode-commands.js';
import { batchOfOne, replyJson } from './envelope.js';
import { handlers } from './methods/index.js';
import type { CommandResult } from './types.js';

export interface CommandFailure {
  readonly kind: 'command' | 'params';
  readonly method: string;
  readonly index: number;
  /** JSON pointer into `data`. */
  readonly path: string;
  readonly message: string;
}

/** `keptBytes`: `json` holds kept bytes (json/kept-bytes.ts), to be encoded with them. */
export type BatchResult =
  | { readonly ok: true; readonly json: string; readonly keptBytes: boolean }
  | { readonly ok: false; readonly failure: CommandFailure };

export interface RequestInfo {
  readonly node: MockNode;
  readonly requestId: number;
  readonly transport: Transport;
  /** Whether `data` was an array (paths then start with the index). */
  readonly batch: boolean;
  /** The request was not valid UTF-8 (its text holds kept bytes). */
  readonly keptBytes: boolean;
}

export function runBatch(info: RequestInfo, commands: readonly RawCommand[]): BatchResult {
  if (commands.length === 1) {
    const outcome = runCommand(info, commands[0] as RawCommand, 0);
    return outcome.ok ? { ok: true, json: batchOfOne(outcome.json), keptBytes: keptIn(outcome.result) } : outcome;
  }
  const parts: string[] = [];
  let keptBytes = false;
  for (let i = 0; i < commands.length; i += 1) {
    const cmd = commands[i] as RawCommand;
    const outcome = runCommand(info, cmd, i);
    if (!outcome.ok) return outcome;
    parts.push(outcome.json);
    keptBytes ||= keptIn(outcome.result);
  }
  return { ok: true, json: `[${parts.join(',')}]`, keptBytes };
}

function keptIn(result: CommandResult): boolean {
  return result.kind === 'reply' && result.keptBytes === true;
}

/** Runs and records one command; `json` is its reply object. */
export function runCommand(
  info: RequestInfo,
  cmd: RawCommand,
  index: number,
): { ok: true; json: string; result: CommandResult } | { ok: false; failure: CommandFailure } {
  const { node } = info;
  const method = canonicalMethodName(cmd.method);
  if (method === undefined) {
    const message =
      cmd.method === ''
        ? 'method is missing or empty'
        : `unknown method ${JSON.stringify(cmd.method)} (method names are case-sensitive)`;
    record(info, cmd.method, cmd, index, { kind: 'rejected', path: '/method', message, channels: [] });
    return {
      ok: false,
      failure: { kind: 'command', method: cmd.method, index, path: `${info.batch ? `/${index}` : ''}/method`, message },
    };
  }
  // The request info is the handler's context too (node, transport): no object per command.
  const result = handlers[method](info, cmd.params);
  if (node.wire !== undefined) compareWithSchema(node, node.wire, cmd, result);
  record(info, method, cmd, index, result);
  if (result.kind === 'rejected') {
    return {
      ok: false,
      failure: {
        kind: 'params',
        method,
        index,
        path: (info.batch ? `/${index}` : '') + result.path,
        message: result.message,
      },
    };
  }
  return { ok: true, json: replyJson(cmd.uid, method, result.error, result.advice, result.body), result };
}

/**
 * What the wire validators say about a command's params (for violation reports), seen as the
 * server reads them (json/go-view.ts: keys as Go matches them).
 */
export function schemaIssues(
  wire: ValidateParams | undefined,
  method: string,
  params: string | undefined,
): readonly ValidationIssue[] {
  if (wire === undefined) return [];
  if (params === undefined) return wire(method, undefined);
  const view = isMethodName(method) ? goDocumentView(params, structs, paramsStructs[method]) : undefined;
  return view === undefined ? [] : wire(method, view.value);
}

function compareWithSchema(node: MockNode, wire: ValidateParams, cmd: RawCommand, result: CommandResult): void {
  const issues = schemaIssues(wire, cmd.method, cmd.params);
  const schemaRejects = issues.length > 0;
  const serverRejects = result.kind === 'rejected';
  if (schemaRejects === serverRejects) return;
  node.logger.warn(
    serverRejects
      ? `wire schema accepts ${cmd.method} params that Centrifugo refuses (${result.kind === 'rejected' ? result.message : ''})`
      : `wire schema rejects ${cmd.method} params that Centrifugo accepts: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`,
  );
}

/** Records a queue command that the Redis API does not run. */
export function recordIgnored(info: RequestInfo, cmd: RawCommand, index: number): void {
  info.node.recorder.record({
    requestId: info.requestId,
    index,
    transport: info.transport,
    uid: cmd.uid,
    method: cmd.method,
    paramsJson: info.keptBytes && cmd.params !== undefined ? withoutKeptBytes(cmd.params) : cmd.params,
    channels: [],
    outcome: 'ignored',
    error: null,
    advice: null,
    bodyJson: undefined,
    at: info.node.clock.now(),
  });
}

function record(info: RequestInfo, method: string, cmd: RawCommand, index: number, result: CommandResult): void {
  const rejected = result.kind === 'rejected';
  // What the mock shows of a request is well formed: kept bytes show as U+FFFD.
  const clean = info.keptBytes
    ? (s: string | undefined) => (s === undefined ? s : withoutKeptBytes(s))
    : (s: string | undefined) => s;
  info.node.recorder.record({
    requestId: info.requestId,
    index,
    transport: info.transport,
    uid: cmd.uid,
    method,
    paramsJson: clean(cmd.params),
    channels: result.channels,
    outcome: rejected ? 'rejected' : result.error === null ? 'ok' : 'error',
    error: rejected ? result.message : result.error,
    advice: rejected ? null : result.advice,
    bodyJson: rejected ? undefined : clean(result.body),
    at: info.node.clock.now(),
  });
}
