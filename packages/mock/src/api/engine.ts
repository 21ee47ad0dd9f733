/** The memory engine's side effects, shared by publish, broadcast and the Redis API. */
import type { ChannelOptions } from '../config/types.js';
import { keepsHistory } from '../state/namespaces.js';
import type { MockNode } from '../state/node.js';

export interface Publication {
  readonly channel: string;
  /** Raw JSON text of `data`. */
  readonly data: string;
  readonly client: string;
  /** Message uid; '' to generate a nuid. */
  readonly uid: string;
}

/** An engine failure (only ever injected): the error string and the advice to show. */
export interface EngineError {
  readonly error: string;
  readonly advice: string | null;
}

/**
 * Publishes one message: counts it, and appends it to history if the channel keeps history.
 * Returns an engine error when a `soft-error` fault is injected for it.
 */
export function publishMessage(node: MockNode, method: string, p: Publication, options: ChannelOptions): EngineError | undefined {
  const fault = node.faults.takeSoftError(method, p.channel);
  if (fault) return fault;
  node.metrics.inc('node_num_client_msg_published');
  if (keepsHistory(options)) {
    const dropInactive = options.history_drop_inactive && !node.clients.hasSubscribers(p.channel);
    node.history.add(p.channel, p.uid === '' ? node.nuid.next() : p.uid, p.data, p.client, { size: options.history_size, lifetime: options.history_lifetime, dropInactive });
  }
  return undefined;
}
