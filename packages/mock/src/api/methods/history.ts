/**
 * history (`api.go:392-405`, `node.go:774-797`): `{channel, data: [Message]}`, newest first,
 * Message keys `uid`, `channel`, `data` (Go-compacted), `client`? ; `[]` when empty or expired.
 * Errors keep the body with `data: null`: empty channel `invalid message`, unknown namespace,
 * `not available` unless history_size > 0 and history_lifetime > 0.
 */
import { goCompact } from '../../json/go-compact.js';
import { goQuote } from '../../json/go-quote.js';
import type { StoredMessage } from '../../state/history.js';
import { channelOptions, keepsHistory } from '../../state/namespaces.js';
import { ERR, decodeParams, reply, type MethodHandler } from '../types.js';

export const history: MethodHandler = (ctx, params) => {
  const p = decodeParams(params, 'history');
  if (p.kind === 'rejected') return p;
  const { channel } = p.value;
  const channels = channel === '' ? [] : [channel];
  const failed = (error: string, advice: string | null = null) =>
    reply(`{"channel":${goQuote(channel)},"data":null}`, channels, error, advice);
  if (channel === '') return failed(ERR.invalidMessage);
  const options = channelOptions(ctx.node.config, channel);
  if (options === undefined) return failed(ERR.namespaceNotFound);
  if (!keepsHistory(options)) return failed(ERR.notAvailable);
  const fault = ctx.node.faults.takeSoftError('history', channel);
  if (fault) return failed(fault.error, fault.advice);
  ctx.node.metrics.inc('node_num_history');
  const stored = ctx.node.history.get(channel);
  const body = `{"channel":${goQuote(channel)},"data":[${stored.map(messageJson).join(',')}]}`;
  // Raw data that was not valid UTF-8 goes back byte for byte, as Go's compact of raw JSON does.
  return stored.some((m) => m.keptBytes) ? { ...reply(body, channels), keptBytes: true } : reply(body, channels);
};

export function messageJson(m: StoredMessage): string {
  m.compacted ??= goCompact(m.data);
  const client = m.client === '' ? '' : `,"client":${goQuote(m.client)}`;
  return `{"uid":${goQuote(m.uid)},"channel":${goQuote(m.channel)},"data":${m.compacted}${client}}`;
}
