/** Everything one v6 mock server knows: config, clock, the engine's state and the node's identity. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { MockLogger } from '../../logger.js';
import type { ChannelOptions, ResolvedConfigV6 } from '../config/types.js';
import { ConnectionRegistry } from './connections.js';
import { HistoryHub } from './history-hub.js';
import { MapHub, type MapChannelOptions } from './map-hub.js';
import { ResultCache } from './result-cache.js';

export interface NodeV6Options {
  readonly config: ResolvedConfigV6;
  readonly clock: Clock;
  readonly logger: MockLogger;
}

const NS_PER_MS = 1_000_000n;

export class NodeV6 {
  readonly config: ResolvedConfigV6;
  readonly clock: Clock;
  readonly logger: MockLogger;
  readonly history: HistoryHub;
  /** The stream broker's idempotency results (`channel_key`). */
  readonly publishResults: ResultCache;
  readonly maps: MapHub;
  /** The map broker's idempotency results (per channel). */
  readonly mapResults: ResultCache;
  readonly connections = new ConnectionRegistry();
  readonly uid = randomUUID();
  /** ms on the mock clock. */
  readonly startedAt: number;
  /** `<hostname>_<port>` unless `node.name` is set; the server fills it in once it listens. */
  name: string;

  constructor(o: NodeV6Options) {
    this.config = o.config;
    this.clock = o.clock;
    this.logger = o.logger;
    this.history = new HistoryHub(o.clock);
    this.publishResults = new ResultCache(o.clock, true);
    this.maps = new MapHub(o.clock);
    this.mapResults = new ResultCache(o.clock, false);
    this.startedAt = o.clock.now();
    this.name = o.config.node.name;
  }

  /**
   * The options of a channel's namespace (`config.Container.ChannelOptions`): one leading private
   * prefix stripped, the namespace is the text before the first boundary, a channel without one
   * uses `without_namespace`; undefined for a namespace the config does not have. A namespace
   * without its own `publication_data_format` takes the global one.
   */
  channelOptions(channel: string): ChannelOptions | undefined {
    const { privatePrefix, namespaceBoundary, namespaces, withoutNamespace, publicationDataFormat } =
      this.config.channel;
    const rest =
      privatePrefix !== '' && channel.startsWith(privatePrefix) ? channel.slice(privatePrefix.length) : channel;
    const at = namespaceBoundary === '' ? -1 : rest.indexOf(namespaceBoundary);
    const name = at < 0 ? '' : rest.slice(0, at);
    const options = name === '' ? withoutNamespace : namespaces.get(name);
    if (options === undefined || options.publicationDataFormat !== '' || publicationDataFormat === '') return options;
    return { ...options, publicationDataFormat };
  }

  /** The map broker's options for a channel of a map namespace, with its defaults derived. */
  mapOptions(channel: string): MapChannelOptions | undefined {
    const m = this.channelOptions(channel)?.map;
    if (m === undefined || m.mode === '') return undefined;
    const ms = (ns: bigint) => Number(ns / NS_PER_MS);
    const stream = m.mode !== 'ephemeral';
    const streamTtl = stream ? ms(m.streamTtl) || 60_000 : 0;
    let metaTtl = ms(m.metaTtl);
    if (stream && metaTtl === 0 && m.mode === 'recoverable') metaTtl = Math.max(streamTtl * 10, ms(m.keyTtl));
    return { mode: m.mode, keyTtl: ms(m.keyTtl), streamSize: stream ? m.streamSize || 100 : 0, streamTtl, metaTtl };
  }

  /** Back to a fresh server: no streams, maps, idempotency results or connections. */
  reset(): void {
    this.history.clear();
    this.publishResults.clear();
    this.maps.reset();
    this.mapResults.clear();
    this.connections.clear();
  }

  /** Frees what expired (called about once a second). */
  sweep(): void {
    this.history.sweep();
    this.maps.sweep((ch) => this.mapOptions(ch));
  }
}
