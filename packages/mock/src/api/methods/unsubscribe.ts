/**
 * unsubscribe (`api.go:344-357`, `node.go:634-658`): empty user is a soft `invalid message`; a
 * non-empty channel must resolve to a namespace; an empty channel means every channel. The
 * user's fake clients lose the subscription but stay connected. Body is null.
 */
import { channelOptions } from '../../state/namespaces.js';
import { ERR, decodeParams, reply, type MethodHandler } from '../types.js';

export const unsubscribe: MethodHandler = (ctx, params) => {
  const p = decodeParams(params, 'unsubscribe');
  if (p.kind === 'rejected') return p;
  const { channel, user } = p.value;
  const channels = channel === '' ? [] : [channel];
  if (user === '') return reply('null', channels, ERR.invalidMessage);
  if (channel !== '' && channelOptions(ctx.node.config, channel) === undefined)
    return reply('null', channels, ERR.namespaceNotFound);
  const fault = ctx.node.faults.takeSoftError('unsubscribe', channel);
  if (fault) return reply('null', channels, fault.error, fault.advice);
  const removed = ctx.node.clients.unsubscribe(user, channel);
  ctx.node.metrics.inc('node_num_remove_client_sub', removed);
  ctx.node.metrics.inc('node_num_control_msg_published');
  return reply('null', channels);
};
