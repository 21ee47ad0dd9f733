/**
 * shared_poll_publish (api.go, v6.8.0): channel, key and a non-zero version are required (107),
 * a known namespace (102) of subscription type `shared_poll` (107) with `publish_enabled` (108);
 * bad `b64data` is 107. With no shared-poll subscribers in the mock, nothing else happens.
 */
import { payloadOf } from './payload.js';
import { BAD_REQUEST, EMPTY, NOT_AVAILABLE, UNKNOWN_CHANNEL, type Handler } from './types.js';

export const sharedPollPublish: Handler<'shared_poll_publish'> = ({ node }, p) => {
  if (p.channel === '' || p.key === '' || p.version === 0n) return BAD_REQUEST;
  const options = node.channelOptions(p.channel);
  if (options === undefined) return UNKNOWN_CHANNEL;
  if (options.subscriptionType !== 'shared_poll') return BAD_REQUEST;
  if (!options.sharedPoll.publishEnabled) return NOT_AVAILABLE;
  if (payloadOf(p.data, p.b64data) === undefined) return BAD_REQUEST;
  return EMPTY;
};
