/**
 * The memory broker's history (centrifuge broker_memory.go `historyHub`): a stream per channel,
 * created on the first publish *or read* (a read of a fresh channel fixes its epoch), its
 * publications cleared `history_ttl` after the last publish (offset and epoch stay), the whole
 * stream dropped `history_meta_ttl` after the last publish or read (a later one starts a new
 * epoch). Times are whole unix seconds as the server keeps them; expiry is applied when a
 * channel is touched and by `sweep`. The number of streams is capped (least recently used
 * first out) so that no input grows memory without bound.
 */
import type { Clock } from '../../clock.js';
import { Stream } from './stream.js';

export interface ClientInfo {
  readonly user: string;
  readonly client: string;
  /** Raw JSON text ('' when absent). */
  readonly connInfo: string;
  readonly chanInfo: string;
}

export interface Publication {
  /** The payload: raw JSON text from `data`, bytes from `b64data`; empty when neither. */
  readonly data: string | Buffer;
  readonly tags: ReadonlyMap<string, string> | undefined;
  readonly info: ClientInfo | undefined;
  readonly time: number;
  offset: number;
  /** The `version` the API published it with (0 or absent: none); client-protocol pushes carry it. */
  readonly version?: bigint;
}

export interface Position {
  readonly offset: number;
  readonly epoch: string;
}

export interface AddOptions {
  readonly size: number;
  readonly ttlSeconds: number;
  readonly metaTtlSeconds: number;
  readonly version: bigint;
  readonly versionEpoch: string;
}

interface Entry {
  readonly stream: Stream<Publication>;
  /** Unix seconds; 0: nothing to expire. */
  expireAt: number;
  removeAt: number;
}

export const DEFAULT_MAX_STREAMS = 100_000;

export class HistoryHub {
  private readonly streams = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly maxStreams = DEFAULT_MAX_STREAMS,
  ) {}

  private nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** The live entry of a channel (after expiry), moved to the most recently used end. */
  private touch(ch: string, now: number, metaTtlSeconds: number): Entry | undefined {
    const e = this.streams.get(ch);
    if (e === undefined) return undefined;
    this.streams.delete(ch);
    if (e.removeAt !== 0 && e.removeAt <= now) return undefined;
    if (e.expireAt !== 0 && e.expireAt <= now) {
      e.stream.clear();
      e.expireAt = 0;
    }
    if (metaTtlSeconds > 0) e.removeAt = now + metaTtlSeconds;
    this.streams.set(ch, e);
    return e;
  }

  private create(ch: string, now: number, metaTtlSeconds: number): Entry {
    const e: Entry = {
      stream: new Stream<Publication>(),
      expireAt: 0,
      removeAt: metaTtlSeconds > 0 ? now + metaTtlSeconds : 0,
    };
    this.streams.set(ch, e);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value as string);
    return e;
  }

  /** Adds a publication; `skipped` when its version is not above the stream's (the top is answered). */
  add(ch: string, pub: Publication, o: AddOptions): Position & { readonly skipped: boolean } {
    const now = this.nowSeconds();
    let e = this.touch(ch, now, o.metaTtlSeconds);
    if (
      e !== undefined &&
      o.version > 0n &&
      (o.versionEpoch === '' || o.versionEpoch === e.stream.versionEpoch) &&
      o.version <= e.stream.version
    ) {
      return { offset: e.stream.top, epoch: e.stream.epoch, skipped: true };
    }
    e ??= this.create(ch, now, o.metaTtlSeconds);
    e.expireAt = now + o.ttlSeconds;
    pub.offset = e.stream.add(pub, o.size, o.version, o.versionEpoch);
    return { offset: pub.offset, epoch: e.stream.epoch, skipped: false };
  }

  /** The stream of a channel for reading, created when absent (a fresh epoch, offset 0). */
  open(ch: string, metaTtlSeconds: number): Stream<Publication> {
    const now = this.nowSeconds();
    return (this.touch(ch, now, metaTtlSeconds) ?? this.create(ch, now, metaTtlSeconds)).stream;
  }

  /** `history_remove`: clears the publications, keeps offset and epoch. */
  remove(ch: string): void {
    this.streams.get(ch)?.stream.clear();
  }

  /** Kept publications of a channel without touching it (for the control API). */
  peek(ch: string): readonly Publication[] {
    const e = this.streams.get(ch);
    return e === undefined ? [] : e.stream.get(0n, false, -1, false).map((x) => x.item);
  }

  get channelCount(): number {
    return this.streams.size;
  }

  /** Applies expiry and removal to every stream (frees memory between requests). */
  sweep(): void {
    const now = this.nowSeconds();
    for (const [ch, e] of this.streams) {
      if (e.removeAt !== 0 && e.removeAt <= now) this.streams.delete(ch);
      else if (e.expireAt !== 0 && e.expireAt <= now) {
        e.stream.clear();
        e.expireAt = 0;
      }
    }
  }

  clear(): void {
    this.streams.clear();
  }
}
