/**
 * Channel history as the memory engine keeps it (`enginememory/engine.go:300-355`): each
 * publish prepends and truncates to `history_size`, and resets the whole list's expiry to
 * `now + history_lifetime` in whole unix seconds; the list is gone once that second is reached.
 * With `history_drop_inactive`, no history is started for a channel without subscribers.
 */
import type { Clock } from '../clock.js';

export interface StoredMessage {
  readonly uid: string;
  readonly channel: string;
  /** The published `data`, raw JSON text as received. */
  readonly data: string;
  /** Publisher's client id; '' when not given. */
  readonly client: string;
  /** `data` holds kept bytes (json/kept-bytes.ts): raw bytes that were not valid UTF-8. */
  readonly keptBytes: boolean;
  /** `data` as Go's json.Marshal renders it, computed on first read. */
  compacted?: string;
}

interface ChannelHistory {
  /** The channel name, shared by every message kept for it. */
  readonly channel: string;
  messages: StoredMessage[];
  expireAt: number;
}

export interface AddOptions {
  readonly size: number;
  readonly lifetime: number;
  /** history_drop_inactive and the channel has no subscribers right now. */
  readonly dropInactive: boolean;
  readonly keptBytes: boolean;
}

/**
 * `data` is a slice of its request's text: kept as is, it would keep the whole request alive
 * (a batch of 1000 publishes for each message of it). Small data is copied out; large data is
 * most of its request anyway. `'\0' + s` then `.slice(1)` leaves a string whose parent is just
 * that copy, for any string content.
 */
const COPY_MAX = 4096;

function ownCopy(data: string): string {
  return data.length > COPY_MAX ? data : `\0${data}`.slice(1);
}

export class HistoryStore {
  private readonly channels = new Map<string, ChannelHistory>();

  constructor(private readonly clock: Clock) {}

  add(channel: string, uid: string, data: string, client: string, options: AddOptions): void {
    const now = this.seconds();
    let entry = this.live(channel, now);
    if (entry === undefined && options.dropInactive) return;
    const expireAt = now + options.lifetime;
    if (entry === undefined) {
      entry = {
        channel,
        messages: [{ uid, channel, data: ownCopy(data), client, keptBytes: options.keptBytes }],
        expireAt,
      };
      this.channels.set(channel, entry);
      return;
    }
    // Messages share the entry's channel string instead of each keeping the copy decoded from
    // its request.
    entry.messages.unshift({ uid, channel: entry.channel, data: ownCopy(data), client, keptBytes: options.keptBytes });
    if (entry.messages.length > options.size) entry.messages.length = options.size;
    entry.expireAt = expireAt;
  }

  /** Newest first; empty when never published or expired. */
  get(channel: string): readonly StoredMessage[] {
    return this.live(channel, this.seconds())?.messages ?? [];
  }

  /** Drops every expired channel (bounded by the number of channels). */
  sweep(): void {
    const now = this.seconds();
    for (const [channel, entry] of this.channels) if (entry.expireAt <= now) this.channels.delete(channel);
  }

  clear(): void {
    this.channels.clear();
  }

  get channelCount(): number {
    return this.channels.size;
  }

  private live(channel: string, now: number): ChannelHistory | undefined {
    const entry = this.channels.get(channel);
    if (entry === undefined) return undefined;
    if (entry.expireAt <= now) {
      this.channels.delete(channel);
      return undefined;
    }
    return entry;
  }

  private seconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}
