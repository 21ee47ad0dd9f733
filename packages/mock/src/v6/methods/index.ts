/**
 * Method name → behaviour. Typed over the protocol's `MethodName`, so a method added to the
 * glue without a handler here does not compile. `batch` is the envelope's business (`api/batch.ts`).
 */
import type { MethodName } from '../protocol.js';
import { disconnect, refresh, subscribe, unsubscribe } from './connections.js';
import { history, historyRemove } from './history.js';
import { mapClear, mapPublish, mapReadState, mapReadStream, mapRemove, mapStats } from './map.js';
import { channels, info, rpc } from './node-info.js';
import { presence, presenceStats } from './presence.js';
import { broadcast, publish } from './publish.js';
import { sharedPollPublish } from './shared-poll.js';
import type { Handler } from './types.js';

export type CommandMethod = Exclude<MethodName, 'batch'>;

export const handlers: { readonly [M in CommandMethod]: Handler<M> } = {
  publish,
  broadcast,
  subscribe,
  unsubscribe,
  disconnect,
  refresh,
  presence,
  presence_stats: presenceStats,
  history,
  history_remove: historyRemove,
  channels,
  info,
  rpc,
  map_publish: mapPublish,
  map_remove: mapRemove,
  map_read_state: mapReadState,
  map_read_stream: mapReadStream,
  map_stats: mapStats,
  map_clear: mapClear,
  shared_poll_publish: sharedPollPublish,
};
