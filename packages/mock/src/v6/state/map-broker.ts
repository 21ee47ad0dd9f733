/**
 * Map operations as the memory map broker runs them (centrifuge MemoryMapBroker + mapHub):
 * idempotency first, then version, key mode; the state and stream updated together; reads that
 * page the state by key (byte order) with a key cursor, or read the stream like history.
 */
import type { MapChannel, MapChannelOptions, MapHub, MapPublication, MapUpdate } from './map-hub.js';
import { hasStream, position } from './map-hub.js';
import type { ResultCache } from './result-cache.js';
import type { Position } from './history-hub.js';

export interface MapPublishOptions {
  readonly data: string | Buffer;
  readonly tags: ReadonlyMap<string, string> | undefined;
  readonly idempotencyKey: string;
  readonly version: bigint;
  readonly versionEpoch: string;
  readonly keyMode: '' | 'if_new' | 'if_exists';
}

/** Thrown where the broker returns an error the API answers with 100. */
export class MapBrokerError extends Error {}

export function mapPublish(
  hub: MapHub,
  cache: ResultCache,
  ch: string,
  key: string,
  o: MapChannelOptions,
  p: MapPublishOptions,
  now: number,
): MapUpdate {
  if (o.mode === 'ephemeral' && p.version > 0n)
    throw new MapBrokerError('version-based dedup requires recoverable or persistent mode');
  if (p.idempotencyKey !== '') {
    const hit = cache.get(ch, p.idempotencyKey);
    if (hit !== undefined) return { ...hit, suppressed: 'idempotency' };
  }
  const c = hub.channel(ch, o, true) as MapChannel;
  const existing = c.state.get(key);
  if (
    hasStream(o) &&
    p.version > 0n &&
    existing !== undefined &&
    (p.versionEpoch === '' || p.versionEpoch === existing.versionEpoch) &&
    p.version <= existing.version
  ) {
    return { ...position(c), suppressed: 'version' };
  }
  if (p.keyMode === 'if_new' && existing !== undefined) return { ...position(c), suppressed: 'key_exists' };
  if (p.keyMode === 'if_exists' && existing === undefined) return { ...position(c), suppressed: 'key_not_found' };
  const pub: MapPublication = { key, data: p.data, tags: p.tags, removed: false, time: now, offset: 0 };
  const pos = hub.append(c, o, pub);
  pub.offset = pos.offset;
  hub.put(c, o, pub, p.version, p.versionEpoch);
  if (p.idempotencyKey !== '') cache.save(ch, p.idempotencyKey, pos);
  return pos;
}

export function mapRemove(
  hub: MapHub,
  cache: ResultCache,
  ch: string,
  key: string,
  o: MapChannelOptions,
  idempotencyKey: string,
  now: number,
): MapUpdate {
  if (idempotencyKey !== '') {
    const hit = cache.get(ch, idempotencyKey);
    if (hit !== undefined) return { ...hit, suppressed: 'idempotency' };
  }
  const c = hub.channel(ch, o, false);
  if (c === undefined) return { offset: 0, epoch: '', suppressed: 'key_not_found' };
  const existing = c.state.get(key);
  if (existing === undefined) return { ...position(c), suppressed: 'key_not_found' };
  c.state.delete(key);
  const pos = hub.append(c, o, { key, data: '', tags: existing.pub.tags, removed: true, time: now, offset: 0 });
  if (idempotencyKey !== '') cache.save(ch, idempotencyKey, pos);
  return pos;
}

export interface StateRead {
  readonly entries: readonly MapPublication[];
  readonly position: Position;
  readonly cursor: string;
  readonly unrecoverable: boolean;
}

export function mapReadState(
  hub: MapHub,
  ch: string,
  o: MapChannelOptions,
  r: { readonly cursor: string; readonly limit: number; readonly key: string; readonly revision: Position | undefined },
): StateRead {
  const fresh = hub.channel(ch, o, false) === undefined;
  const c = hub.channel(ch, o, true) as MapChannel;
  hub.keepAlive(c, o);
  const pos = position(c);
  const none = (unrecoverable: boolean): StateRead => ({ entries: [], position: pos, cursor: '', unrecoverable });
  if (fresh) return none(r.revision !== undefined && r.revision.epoch !== '');
  if (r.revision !== undefined && r.revision.epoch !== pos.epoch) return none(true);
  if (r.key !== '') {
    const one = c.state.get(r.key);
    return { entries: one === undefined ? [] : [one.pub], position: pos, cursor: '', unrecoverable: false };
  }
  if (r.limit === 0) return none(false);
  const keys = [...c.state.keys()].sort(compareBytes);
  let start = 0;
  if (r.cursor !== '') while (start < keys.length && compareBytes(keys[start] as string, r.cursor) <= 0) start += 1;
  if (start >= keys.length) return none(false);
  const end = r.limit > 0 ? Math.min(keys.length, start + r.limit) : keys.length;
  const cursor = r.limit > 0 && end < keys.length ? (keys[end - 1] as string) : '';
  return {
    entries: keys.slice(start, end).map((k) => (c.state.get(k) as { pub: MapPublication }).pub),
    position: pos,
    cursor,
    unrecoverable: false,
  };
}

export function mapReadStream(
  hub: MapHub,
  ch: string,
  o: MapChannelOptions,
  r: {
    readonly since: { readonly offset: bigint; readonly epoch: string } | undefined;
    readonly limit: number;
    readonly reverse: boolean;
  },
): { readonly entries: readonly MapPublication[]; readonly position: Position; readonly unrecoverable: boolean } {
  const fresh = hub.channel(ch, o, false) === undefined;
  const c = hub.channel(ch, o, true) as MapChannel;
  hub.keepAlive(c, o);
  const pos = position(c);
  if (fresh) return { entries: [], position: pos, unrecoverable: false };
  const since = r.since;
  if (since === undefined)
    return {
      entries: r.limit === 0 ? [] : c.stream.get(0n, false, r.limit, r.reverse).map((x) => x.item),
      position: pos,
      unrecoverable: false,
    };
  if (since.epoch !== '' && since.epoch !== pos.epoch) return { entries: [], position: pos, unrecoverable: true };
  if (!r.reverse && BigInt(pos.offset) === since.offset) return { entries: [], position: pos, unrecoverable: false };
  const from = BigInt.asUintN(64, r.reverse ? since.offset - 1n : since.offset + 1n);
  return {
    entries: c.stream.get(from, true, r.limit, r.reverse).map((x) => x.item),
    position: pos,
    unrecoverable: false,
  };
}

/** Go's sort.Strings order: by UTF-8 bytes. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
