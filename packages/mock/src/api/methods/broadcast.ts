/**
 * broadcast (`api.go:236-297`): every validation error is soft with advice `fix`. Channels are
 * published in order, so those before a bad one keep their message. Engine errors are
 * collected; the first is reported without advice. Messages always get fresh uids.
 */
import { channelOptions } from '../../state/namespaces.js';
import { publishMessage, type EngineError } from '../engine.js';
import { ADVICE_FIX, ERR, decodeParams, reply, type MethodHandler } from '../types.js';

export const broadcast: MethodHandler = (ctx, params) => {
  const p = decodeParams(params, 'broadcast');
  if (p.kind === 'rejected') return p;
  const { channels, data, client } = p.value;
  if (channels.length === 0 || data === undefined) return reply('null', channels, ERR.invalidMessage, ADVICE_FIX);
  let firstError: EngineError | undefined;
  for (const channel of channels) {
    if (channel === '') return reply('null', channels, ERR.invalidMessage, ADVICE_FIX);
    const options = channelOptions(ctx.node.config, channel);
    if (options === undefined) return reply('null', channels, ERR.namespaceNotFound, ADVICE_FIX);
    const failure = publishMessage(ctx.node, 'broadcast', channel, data, client, '', options, ctx.keptBytes);
    firstError ??= failure;
  }
  return firstError ? reply('null', channels, firstError.error, firstError.advice) : reply('null', channels);
};
