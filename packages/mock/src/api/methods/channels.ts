/** channels (`api.go:408-419`): channels with at least one subscriber; never reads params. */
import { goQuote } from '../../json/go-quote.js';
import { reply, type MethodHandler } from '../types.js';

export const channels: MethodHandler = (ctx) => {
  const fault = ctx.node.faults.takeSoftError('channels', '');
  if (fault) return reply('{"data":null}', [], fault.error, fault.advice);
  return reply(`{"data":[${ctx.node.clients.channels().map(goQuote).join(',')}]}`, []);
};
