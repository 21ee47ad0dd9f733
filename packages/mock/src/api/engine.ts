/** The memory engine's side effects, shared by publish, broadcast and the Redis API. */
import type { ChannelOptions } from '../config/types.js';
import { hasKeptBytes } from '../json/kept-bytes.js';
import { keepsHistory } from '../state/namespaces.js';
import type { MockNode } from '../state/node.js';

/** An engine failure (only ever injected): the error string and the advice to show. */
export interface EngineError {
  readonly error: string;
  readonly advice: string | null;
}

/**
 * Publishes one message (`data` is its raw JSON text, maybe with kept bytes when `keptBytes`;
 * `uid` '' to generate a nuid): counts it,
 * and appends it to history if the channel keeps history. Returns an engine error when a
 * `soft-error` fault is injected for it.
 */
export function publishMessage(
  node: MockNode,
  method: string,
  channel: string,
  data: string,
  client: string,
  uid: string,
  options: ChannelOptions,
  keptBytes: boolean,
): EngineError | undefined {
  const fault = node.faults.takeSoftError(method, channel);
  if (fault) return fault;
  node.metrics.inc('node_num_client_msg_published');
  if (keepsHistory(options)) {
    const dropInactive = options.history_drop_inactive && !node.clients.hasSubscribers(channel);
    node.history.add(channel, uid === '' ? node.nuid.next() : uid, data, client, {
      size: options.history_size,
      lifetime: options.history_lifetime,
      dropInactive,
      keptBytes: keptBytes && hasKeptBytes(data),
    });
  }
  return undefined;
}
