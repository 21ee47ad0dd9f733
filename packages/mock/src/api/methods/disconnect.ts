/**
 * disconnect (`api.go:361-373`, `node.go:684-701`): empty user is a soft `invalid message`; an
 * unknown user succeeds. Every fake client of the user is removed. Body is null.
 */
import { ERR, decodeParams, reply, type MethodHandler } from '../types.js';

export const disconnect: MethodHandler = (ctx, params) => {
  const p = decodeParams(params, 'disconnect');
  if (p.kind === 'rejected') return p;
  const { user } = p.value;
  if (user === '') return reply('null', [], ERR.invalidMessage);
  const fault = ctx.node.faults.takeSoftError('disconnect', '');
  if (fault) return reply('null', [], fault.error, fault.advice);
  const [conns, subs] = ctx.node.clients.disconnect(user);
  ctx.node.metrics.inc('node_num_remove_client_conn', conns);
  ctx.node.metrics.inc('node_num_remove_client_sub', subs);
  ctx.node.metrics.inc('node_num_control_msg_published');
  return reply('null', []);
};
