/**
 * presence and presence_stats (api.go): empty channel 107, unknown namespace 102, namespace
 * without `presence` 108. Presence holds the subscriptions made with presence on (the
 * namespace's option, or a server-side subscribe's override), keyed by client id, keys sorted.
 */
import { goQuote } from '../../json/go-quote.js';
import { clientInfoJson } from '../encode/results.js';
import { compareBytes } from '../state/map-broker.js';
import type { Connection } from '../state/connections.js';
import type { NodeV6 } from '../state/node.js';
import { BAD_REQUEST, NOT_AVAILABLE, UNKNOWN_CHANNEL, ok, type Handler, type MethodResult } from './types.js';

function present(node: NodeV6, channel: string): Connection[] | MethodResult {
  if (channel === '') return BAD_REQUEST;
  const options = node.channelOptions(channel);
  if (options === undefined) return UNKNOWN_CHANNEL;
  if (!options.presence) return NOT_AVAILABLE;
  return node.connections.subscribers(channel).filter((c) => c.subs.get(channel)?.presence === true);
}

export const presence: Handler<'presence'> = ({ node }, p) => {
  const conns = present(node, p.channel);
  if (!Array.isArray(conns)) return conns;
  const entries = conns
    .sort((a, b) => compareBytes(a.client, b.client))
    .map(
      (c) =>
        `${goQuote(c.client)}:${clientInfoJson({ user: c.user, client: c.client, connInfo: c.info, chanInfo: c.subs.get(p.channel)?.chanInfo ?? '' })}`,
    );
  return ok(`{"presence":{${entries.join(',')}}}`);
};

export const presenceStats: Handler<'presence_stats'> = ({ node }, p) => {
  const conns = present(node, p.channel);
  if (!Array.isArray(conns)) return conns;
  return ok(`{"num_clients":${conns.length},"num_users":${new Set(conns.map((c) => c.user)).size}}`);
};
