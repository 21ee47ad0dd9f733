/**
 * publish (`api.go:169-204`): empty channel or absent data is a hard error; an unknown
 * namespace is a soft `namespace not found` with advice `fix`; the namespace's `publish`,
 * `anonymous` and channel-length rules do not apply to the API. Body is always null.
 */
import { channelOptions } from '../../state/namespaces.js';
import { publishMessage } from '../engine.js';
import { ADVICE_FIX, ERR, decodeParams, reject, reply, type MethodHandler } from '../types.js';

export const publish: MethodHandler = (ctx, params) => {
  const p = decodeParams(params, 'publish');
  if (p.kind === 'rejected') return p;
  const { channel, data, client, uid } = p.value;
  const channels = channel === '' ? [] : [channel];
  if (channel === '') return reject('/params/channel', 'channel is required and must not be empty', channels);
  if (data === undefined) return reject('/params/data', 'data is required (any JSON value, null included)', channels);
  const options = channelOptions(ctx.node.config, channel);
  if (options === undefined) return reply('null', channels, ERR.namespaceNotFound, ADVICE_FIX);
  const failure = publishMessage(ctx.node, 'publish', channel, data, client, uid, options, ctx.keptBytes);
  return failure ? reply('null', channels, failure.error, failure.advice) : reply('null', channels);
};
