/**
 * channels, info and rpc (api.go; survey.go). channels lists channels with subscribers whose
 * name matches the glob `pattern` (an invalid one is 100). info reports this one node: counts
 * live, `uptime` as of the last 3-second node refresh (so absent during the first 3 s, as the
 * server omits 0), metrics with the server's aggregation interval. rpc: OSS registers no
 * server-API extensions, so a named method is 104 and an empty one 107.
 */
import { goQuote } from '../../json/go-quote.js';
import { compareBytes } from '../state/map-broker.js';
import type { NodeV6 } from '../state/node.js';
import { compileGlob } from './glob.js';
import { BAD_REQUEST, INTERNAL, NOT_FOUND, ok, type Handler } from './types.js';

export const VERSION = '6.9.1 OSS';
/** centrifuge's nodeInfoPublishInterval: the node entry (and its uptime) is refreshed this often. */
const NODE_REFRESH_MS = 3000;

export const channels: Handler<'channels'> = ({ node }, p) => {
  const match = p.pattern === '' ? () => true : compileGlob(p.pattern);
  if (match === undefined) return INTERNAL;
  const found = [...node.connections.channels()].filter(([ch]) => match(ch)).sort((a, b) => compareBytes(a[0], b[0]));
  return ok(`{"channels":{${found.map(([ch, n]) => `${goQuote(ch)}:{"num_clients":${n}}`).join(',')}}}`);
};

export const info: Handler<'info'> = ({ node }) => ok(`{"nodes":[${nodeJson(node)}]}`);

export const rpc: Handler<'rpc'> = (_ctx, p) => (p.method === '' ? BAD_REQUEST : NOT_FOUND);

export function nodeJson(node: NodeV6): string {
  const c = node.connections;
  const elapsed = Math.max(0, node.clock.now() - node.startedAt);
  const uptime = Math.floor(Math.floor(elapsed / NODE_REFRESH_MS) * (NODE_REFRESH_MS / 1000));
  const counts = `"num_clients":${c.numClients},"num_users":${c.numUsers},"num_channels":${c.numChannels}`;
  return `{"uid":${goQuote(node.uid)},"name":${goQuote(node.name)},"version":"${VERSION}",${counts}${uptime > 0 ? `,"uptime":${uptime}` : ''},"metrics":${metricsJson(node)},"num_subs":${c.numSubs}}`;
}

/** A few of the node's gauges, in the flattened Prometheus naming the server uses (sorted). */
function metricsJson(node: NodeV6): string {
  const c = node.connections;
  const items: [string, number][] = [
    ['centrifugo.node.num_channels', c.numChannels],
    ['centrifugo.node.num_clients', c.numClients],
    ['centrifugo.node.num_subscriptions', c.numSubs],
    ['centrifugo.node.num_users', c.numUsers],
  ];
  return `{"interval":60,"items":{${items.map(([k, v]) => `${goQuote(k)}:${v}`).join(',')}}}`;
}
