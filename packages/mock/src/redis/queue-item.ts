/**
 * One Redis API queue item, as Centrifugo 1.8.0 handles it (`engineredis/engine.go:1674-1741`):
 * a single JSON command object (no sign, no array); when its `method` is empty, the legacy
 * `{"data":[command, ...]}` wrapper. Only publish, broadcast, unsubscribe and disconnect run;
 * other methods are silently ignored; every error only reaches the log.
 */
import { decodeCommandArray, type RawCommand } from '../api/decode-commands.js';
import { recordIgnored, runCommand, schemaIssues, type RequestInfo } from '../api/dispatch.js';
import { decodeGoStructAt } from '../json/go-decode.js';
import { goTable } from '../json/go-kinds.js';
import { decodeKeptBytes } from '../json/kept-bytes.js';
import { checkJson } from '../json/scan.js';
import { jsonType } from '../json/walk.js';
import { isMethodName, queueMethods } from '../protocol.js';
import type { MockNode } from '../state/node.js';
import type { ViolationKind } from '../state/violations.js';

/** A queue item: one command, or (method empty) the legacy `data` wrapper around a batch. */
const ITEM = goTable({ Item: { uid: 'string', method: 'string', params: 'raw', data: 'raw' } } as const);

/** `item`: the queue item's bytes (Redis strings are bytes). */
export function processQueueItem(node: MockNode, queue: string, bytes: Buffer): void {
  const { text, kept } = decodeKeptBytes(bytes);
  const requestId = node.nextRequestId();
  const drop = (kind: ViolationKind, path: string, message: string, method?: string, params?: string) => {
    node.logger.error(`Error processing Redis API data (${queue}): ${message}`);
    if (!node.strict) return;
    node.violations.add({
      requestId,
      transport: 'redis',
      status: 0,
      kind,
      path,
      message,
      schemaIssues: method ? schemaIssues(node.wire, method, params) : [],
      ...(method === undefined ? {} : { method }),
    });
  };
  const syntax = checkJson(text);
  if (syntax) return drop('data', '', `invalid JSON at offset ${syntax.offset}: ${syntax.message}`);
  const first = text.charCodeAt(0);
  if (first !== 123 && first !== 110)
    return drop(
      'data',
      '',
      `json: cannot unmarshal ${jsonType(first)} into Go value of type proto.APICommand (push one command object per item)`,
    );
  const item = decodeGoStructAt(text, 0, ITEM, 'Item');
  if (!item.ok) return drop('command', item.path, item.message);
  let commands: RawCommand[];
  let batch = false;
  if (item.value.method !== '') {
    commands = [{ uid: item.value.uid, method: item.value.method, params: item.value.params }];
  } else {
    const data = item.value.data;
    if (data === undefined || data === 'null') return;
    if (data.charCodeAt(0) !== 91)
      return drop(
        'command',
        '/data',
        `json: cannot unmarshal ${jsonType(data.charCodeAt(0))} into Go struct field .data of type []proto.APICommand`,
      );
    const decoded = decodeCommandArray(data, 0, '/data');
    if (!decoded.ok) return drop(decoded.kind, decoded.path, decoded.message);
    commands = decoded.commands;
    batch = true;
  }
  const info: RequestInfo = { node, requestId, transport: 'redis', batch, keptBytes: kept };
  commands.forEach((cmd, index) => {
    if (!isMethodName(cmd.method) || !queueMethods.has(cmd.method)) return recordIgnored(info, cmd, index);
    const outcome = runCommand(info, cmd, index);
    const where = batch ? `/data/${index}` : '';
    if (!outcome.ok)
      return drop(
        'params',
        where + outcome.failure.path.replace(/^\/\d+/, ''),
        outcome.failure.message,
        cmd.method,
        cmd.params,
      );
    const r = outcome.result;
    if (r.kind === 'reply' && r.error !== null)
      drop('params', `${where}/params`, `${cmd.method}: ${r.error}`, cmd.method, cmd.params);
  });
}
