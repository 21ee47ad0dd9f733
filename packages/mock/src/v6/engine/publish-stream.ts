/**
 * A publication into a stream channel, as the memory broker runs it (broker_memory.go Publish):
 * an `idempotency_key` seen within its window answers the cached position and does nothing;
 * with history the publication joins the stream (or is skipped by its version, answering the
 * top); the position is cached under the key; subscribers receive it. Without history the
 * position is empty.
 */
import { publicationPush } from '../encode/pushes.js';
import type { ClientInfo, Position, Publication } from '../state/history-hub.js';
import type { NodeV6 } from '../state/node.js';
import type { ChannelOptions } from '../config/types.js';

export interface StreamPublish {
  readonly data: string | Buffer;
  readonly tags: ReadonlyMap<string, string> | undefined;
  readonly idempotencyKey: string;
  readonly skipHistory: boolean;
  readonly version: bigint;
  readonly versionEpoch: string;
  /** The publishing client, for a client-protocol publish (pushes and history carry it). */
  readonly info?: ClientInfo | undefined;
}

const NONE: Position = { offset: 0, epoch: '' };
const NS_PER_S = 1_000_000_000n;

export function publishToStream(node: NodeV6, channel: string, options: ChannelOptions, p: StreamPublish): Position {
  if (p.idempotencyKey !== '') {
    const cached = node.publishResults.get(channel, p.idempotencyKey);
    if (cached !== undefined) return cached;
  }
  const pub: Publication = {
    data: p.data,
    tags: p.tags,
    info: p.info,
    time: node.clock.now(),
    offset: 0,
    ...(p.version > 0n && { version: p.version }),
  };
  let position = NONE;
  if (!p.skipHistory && options.historySize > 0 && options.historyTtl > 0n) {
    const metaTtl = options.historyMetaTtl !== 0n ? options.historyMetaTtl : node.config.channel.historyMetaTtl;
    const r = node.history.add(channel, pub, {
      size: options.historySize,
      ttlSeconds: Number(options.historyTtl / NS_PER_S),
      metaTtlSeconds: Number(metaTtl / NS_PER_S),
      version: p.version,
      versionEpoch: p.versionEpoch,
    });
    if (r.skipped) return { offset: r.offset, epoch: r.epoch };
    position = { offset: r.offset, epoch: r.epoch };
  }
  if (p.idempotencyKey !== '') node.publishResults.save(channel, p.idempotencyKey, position);
  deliver(node, channel, pub, position.epoch);
  return position;
}

function deliver(node: NodeV6, channel: string, pub: Publication, epoch: string): void {
  const subscribers = node.connections.subscribers(channel);
  if (subscribers.length === 0) return;
  const json = publicationPush(channel, { ...pub, epoch });
  for (const c of subscribers) c.sink.push(json);
}
