/**
 * The memory map broker (centrifuge map_broker_memory.go): per channel a keyed state and, in
 * `recoverable` and `persistent` modes, a stream of every change; positions in the stream's
 * epoch. Reads of a fresh channel create it (its epoch is fixed from then on). Key TTLs
 * (`ephemeral`, `recoverable`) remove a key and append a removal to the stream; the stream's
 * entries are cleared `stream_ttl` after the last change; the whole channel goes `meta_ttl`
 * after its last use. Expiry is applied when a channel is touched and by `sweep`.
 */
import type { Clock } from '../../clock.js';
import type { MapMode } from '../config/types.js';
import type { Position } from './history-hub.js';
import { Stream } from './stream.js';

export interface MapChannelOptions {
  readonly mode: Exclude<MapMode, ''>;
  /** Milliseconds (0: none). */
  readonly keyTtl: number;
  readonly streamSize: number;
  readonly streamTtl: number;
  readonly metaTtl: number;
}

export interface MapPublication {
  readonly key: string;
  readonly data: string | Buffer;
  readonly tags: ReadonlyMap<string, string> | undefined;
  readonly removed: boolean;
  readonly time: number;
  offset: number;
}

interface KeyState {
  readonly pub: MapPublication;
  readonly expireAt: number;
  readonly version: bigint;
  readonly versionEpoch: string;
}

export interface MapChannel {
  readonly stream: Stream<MapPublication>;
  readonly state: Map<string, KeyState>;
  streamExpireAt: number;
  removeAt: number;
}

export type SuppressReason = 'idempotency' | 'version' | 'key_exists' | 'key_not_found';
export type MapUpdate = Position & { readonly suppressed?: SuppressReason };

export const hasStream = (o: MapChannelOptions) => o.mode === 'recoverable' || o.mode === 'persistent';

export class MapHub {
  private readonly channels = new Map<string, MapChannel>();

  constructor(
    private readonly clock: Clock,
    private readonly maxChannels = 100_000,
  ) {}

  /** The channel after expiry (undefined when absent); `create` makes it. */
  channel(ch: string, o: MapChannelOptions, create: boolean): MapChannel | undefined {
    const now = this.clock.now();
    let c = this.channels.get(ch);
    if (c !== undefined && c.removeAt !== 0 && c.removeAt <= now) {
      this.channels.delete(ch);
      c = undefined;
    }
    if (c === undefined) {
      if (!create) return undefined;
      c = { stream: new Stream<MapPublication>(), state: new Map(), streamExpireAt: 0, removeAt: 0 };
      this.channels.set(ch, c);
      if (this.channels.size > this.maxChannels) this.channels.delete(this.channels.keys().next().value as string);
    }
    this.expire(c, o, now);
    return c;
  }

  /** Extends the channel's life (reads and writes of stream modes do this). */
  keepAlive(c: MapChannel, o: MapChannelOptions): void {
    if (o.metaTtl > 0) c.removeAt = this.clock.now() + o.metaTtl;
  }

  private expire(c: MapChannel, o: MapChannelOptions, now: number): void {
    const expired = [...c.state]
      .filter(([, s]) => s.expireAt !== 0 && s.expireAt <= now)
      .sort((a, b) => a[1].expireAt - b[1].expireAt);
    for (const [key, s] of expired) {
      c.state.delete(key);
      if (hasStream(o) && o.streamSize > 0)
        c.stream.add({ key, data: '', tags: s.pub.tags, removed: true, time: now, offset: 0 }, o.streamSize);
    }
    if (c.streamExpireAt !== 0 && c.streamExpireAt <= now) {
      c.stream.clear();
      c.streamExpireAt = 0;
    }
  }

  /** Appends a change to the stream (stream modes); returns the position after it. */
  append(c: MapChannel, o: MapChannelOptions, pub: MapPublication): Position {
    if (!hasStream(o)) return position(c);
    const now = this.clock.now();
    c.streamExpireAt = now + o.streamTtl;
    this.keepAlive(c, o);
    pub.offset = c.stream.add(pub, o.streamSize);
    return position(c);
  }

  /** Stores a key's state. */
  put(c: MapChannel, o: MapChannelOptions, pub: MapPublication, version: bigint, versionEpoch: string): void {
    const previous = c.state.get(pub.key);
    const keepVersion = version === 0n && previous !== undefined;
    c.state.set(pub.key, {
      pub,
      expireAt: o.keyTtl > 0 ? this.clock.now() + o.keyTtl : 0,
      version: keepVersion ? previous.version : version,
      versionEpoch: keepVersion ? previous.versionEpoch : versionEpoch,
    });
  }

  clear(ch: string): void {
    this.channels.delete(ch);
  }

  sweep(resolve: (ch: string) => MapChannelOptions | undefined): void {
    const now = this.clock.now();
    for (const [ch, c] of this.channels) {
      const o = resolve(ch);
      if (o === undefined || (c.removeAt !== 0 && c.removeAt <= now)) this.channels.delete(ch);
      else this.expire(c, o, now);
    }
  }

  reset(): void {
    this.channels.clear();
  }
}

export function position(c: MapChannel): Position {
  return { offset: c.stream.top, epoch: c.stream.epoch };
}
