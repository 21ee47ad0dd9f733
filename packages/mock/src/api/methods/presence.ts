/**
 * presence (`api.go:376-389`, `node.go:748-771`): `{channel, data: {<client id>: ClientInfo}}`
 * with map keys sorted as Go sorts them and ClientInfo keys `user`, `client`, `default_info`?,
 * `channel_info`?. Errors keep the body with `data: null`: empty channel `invalid message`,
 * unknown namespace, `not available` when the channel's `presence` option is off.
 */
import { goQuote } from '../../json/go-quote.js';
import { channelOptions } from '../../state/namespaces.js';
import type { MockNode } from '../../state/node.js';
import { ERR, decodeParams, reply, type MethodHandler } from '../types.js';

export const presence: MethodHandler = (ctx, params) => {
  const p = decodeParams(params, 'presence');
  if (p.kind === 'rejected') return p;
  const { channel } = p.value;
  const channels = channel === '' ? [] : [channel];
  const failed = (error: string, advice: string | null = null) =>
    reply(`{"channel":${goQuote(channel)},"data":null}`, channels, error, advice);
  if (channel === '') return failed(ERR.invalidMessage);
  const options = channelOptions(ctx.node.config, channel);
  if (options === undefined) return failed(ERR.namespaceNotFound);
  if (!options.presence) return failed(ERR.notAvailable);
  const fault = ctx.node.faults.takeSoftError('presence', channel);
  if (fault) return failed(fault.error, fault.advice);
  ctx.node.metrics.inc('node_num_presence');
  return reply(`{"channel":${goQuote(channel)},"data":${presenceMap(ctx.node, channel)}}`, channels);
};

function presenceMap(node: MockNode, channel: string): string {
  const subscribers = node.clients.subscribers(channel).sort((a, b) => compareBytes(a.client, b.client));
  const entries = subscribers.map((c) => {
    let info = `{"user":${goQuote(c.user)},"client":${goQuote(c.client)}`;
    if (c.defaultInfoJson !== '') info += `,"default_info":${c.defaultInfoJson}`;
    if (c.channelInfoJson !== '') info += `,"channel_info":${c.channelInfoJson}`;
    return `${goQuote(c.client)}:${info}}`;
  });
  return `{${entries.join(',')}}`;
}

/** Go sorts map keys by their UTF-8 bytes. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
