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
  /** `data` as Go's json.Marshal renders it, computed on first read. */
  compacted?: string;
}

interface ChannelHistory {
  messages: StoredMessage[];
  expireAt: number;
}

export interface AddOptions {
  readonly size: number;
  readonly lifetime: number;
  /** history_drop_inactive and the channel has no subscribers right now. */
  readonly dropInactive: boolean;
}

export class HistoryStore {
  private readonly channels = new Map<string, ChannelHistory>();

  constructor(private readonly clock: Clock) {}

  add(message: StoredMessage, options: AddOptions): void {
    const now = this.seconds();
    let entry = this.live(message.channel, now);
    if (entry === undefined && options.dropInactive) return;
    const expireAt = now + options.lifetime;
    if (entry === undefined) {
      entry = { messages: [message], expireAt };
      this.channels.set(message.channel, entry);
      return;
    }
    entry.messages.unshift(message);
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
