/**
 * Fake connected clients: what real websocket connections would contribute to presence,
 * `channels`, API unsubscribe/disconnect and the node's client counters.
 */
import { randomUUID } from 'node:crypto';
import { MockUsageError } from '../errors.js';
import { goCompact } from '../json/go-compact.js';

export interface FakeClientSpec {
  /** The connection's user; absent or "" for an anonymous connection. */
  readonly user?: string;
  /** Connection id; a uuid v4 is made up when absent. */
  readonly client?: string;
  readonly channels?: readonly string[];
  /** Connection info (any JSON value); shown as `default_info` in presence. */
  readonly default_info?: unknown;
  /** Private-channel info (any JSON value); shown as `channel_info` in presence, for every channel. */
  readonly channel_info?: unknown;
}

export interface FakeClient {
  readonly user: string;
  readonly client: string;
  readonly channels: readonly string[];
  readonly default_info?: unknown;
  readonly channel_info?: unknown;
}

interface ClientState {
  readonly user: string;
  readonly client: string;
  readonly channels: Set<string>;
  readonly defaultInfo: unknown;
  readonly channelInfo: unknown;
  /** Compacted JSON text of the infos, '' when absent (Go omits empty raw JSON). */
  readonly defaultInfoJson: string;
  readonly channelInfoJson: string;
}

/** Why `user`'s connection `client` may not subscribe to `channel`, or undefined. */
export type ChannelCheck = (channel: string, user: string, client: string) => string | undefined;

export class ClientRegistry {
  private readonly clients = new Map<string, ClientState>();
  private readonly byChannel = new Map<string, Set<string>>();

  /** `check` returns a reason when a channel cannot be subscribed (e.g. unknown namespace). */
  add(spec: FakeClientSpec, check: ChannelCheck): { client: ClientState; channelsAdded: number } {
    return this.addAll([spec], check)[0] as { client: ClientState; channelsAdded: number };
  }

  /** Adds every client of `specs`, or none: all are checked (duplicate ids included) before any is added. */
  addAll(specs: readonly FakeClientSpec[], check: ChannelCheck): { client: ClientState; channelsAdded: number }[] {
    const states: ClientState[] = [];
    const ids = new Set<string>();
    specs.forEach((spec, i) => {
      const state = newClient(spec, check, specs.length === 1 ? 'client' : `clients[${i}]`);
      if (this.clients.has(state.client) || ids.has(state.client))
        throw new MockUsageError('duplicate_client', `a fake client with id "${state.client}" is already connected`);
      ids.add(state.client);
      states.push(state);
    });
    return states.map((state) => {
      this.clients.set(state.client, state);
      for (const ch of state.channels) this.index(ch).add(state.client);
      return { client: state, channelsAdded: state.channels.size };
    });
  }

  /** Removes one connection; returns the number of subscriptions it had, or -1 if unknown. */
  remove(clientId: string): number {
    const state = this.clients.get(clientId);
    if (state === undefined) return -1;
    for (const ch of state.channels) this.unindex(ch, clientId);
    this.clients.delete(clientId);
    return state.channels.size;
  }

  clear(): void {
    this.clients.clear();
    this.byChannel.clear();
  }

  list(): FakeClient[] {
    return [...this.clients.values()].map(toPublic);
  }

  get(clientId: string): FakeClient | undefined {
    const state = this.clients.get(clientId);
    return state && toPublic(state);
  }

  /** Connections subscribed to `channel`, in connection order. */
  subscribers(channel: string): ClientState[] {
    const ids = this.byChannel.get(channel);
    if (ids === undefined) return [];
    const out: ClientState[] = [];
    for (const id of ids) {
      const state = this.clients.get(id);
      if (state) out.push(state);
    }
    return out;
  }

  hasSubscribers(channel: string): boolean {
    return (this.byChannel.get(channel)?.size ?? 0) > 0;
  }

  /** Channels with at least one subscriber. */
  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  /** API unsubscribe: `channel === ''` means every channel. Returns subscriptions removed. */
  unsubscribe(user: string, channel: string): number {
    let removed = 0;
    for (const state of this.clients.values()) {
      if (state.user !== user) continue;
      const targets = channel === '' ? [...state.channels] : state.channels.has(channel) ? [channel] : [];
      for (const ch of targets) {
        state.channels.delete(ch);
        this.unindex(ch, state.client);
        removed += 1;
      }
    }
    return removed;
  }

  /** API disconnect: closes every connection of `user`. Returns [connections, subscriptions] removed. */
  disconnect(user: string): [number, number] {
    let conns = 0;
    let subs = 0;
    for (const state of [...this.clients.values()]) {
      if (state.user !== user) continue;
      subs += this.remove(state.client);
      conns += 1;
    }
    return [conns, subs];
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get userCount(): number {
    const users = new Set<string>();
    for (const state of this.clients.values()) users.add(state.user);
    return users.size;
  }

  get channelCount(): number {
    return this.byChannel.size;
  }

  private index(channel: string): Set<string> {
    let ids = this.byChannel.get(channel);
    if (ids === undefined) {
      ids = new Set();
      this.byChannel.set(channel, ids);
    }
    return ids;
  }

  private unindex(channel: string, id: string): void {
    const ids = this.byChannel.get(channel);
    if (ids === undefined) return;
    ids.delete(id);
    if (ids.size === 0) this.byChannel.delete(channel);
  }
}

const SPEC_KEYS: ReadonlySet<string> = new Set(['user', 'client', 'channels', 'default_info', 'channel_info']);

/** A checked client spec as the state it will have; `where` names it in errors (`clients[1]`). */
function newClient(spec: FakeClientSpec, check: ChannelCheck, where: string): ClientState {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new MockUsageError(
      'invalid_client',
      `${where}: a fake client is an object: { user?, client?, channels?, default_info?, channel_info? }`,
    );
  for (const key of Object.keys(spec)) {
    if (!SPEC_KEYS.has(key))
      throw new MockUsageError(
        'invalid_client',
        `${where}: unknown key ${JSON.stringify(key)} (a fake client takes user, client, channels, default_info, channel_info)`,
      );
  }
  const user = spec.user ?? '';
  if (typeof user !== 'string')
    throw new MockUsageError(
      'invalid_client',
      `${where}.user must be a string ("" or absent: an anonymous connection)`,
    );
  const id = spec.client ?? randomUUID();
  if (typeof id !== 'string' || id === '')
    throw new MockUsageError('invalid_client', `${where}.client must be a non-empty string`);
  const channels = spec.channels ?? [];
  if (!Array.isArray(channels))
    throw new MockUsageError('invalid_client', `${where}.channels must be a list of channel names`);
  for (const ch of channels) {
    if (typeof ch !== 'string' || ch === '')
      throw new MockUsageError('invalid_client', `${where}.channels must hold non-empty strings`);
    const reason = check(ch, user, id);
    if (reason !== undefined)
      throw new MockUsageError('invalid_channel', `${where}: cannot subscribe to "${ch}": ${reason}`);
  }
  return {
    user,
    client: id,
    channels: new Set(channels),
    defaultInfo: spec.default_info,
    channelInfo: spec.channel_info,
    defaultInfoJson: infoJson(spec.default_info, `${where}.default_info`),
    channelInfoJson: infoJson(spec.channel_info, `${where}.channel_info`),
  };
}

function infoJson(value: unknown, key: string): string {
  if (value === undefined || value === null) return '';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new MockUsageError('invalid_client', `${key} must be a JSON value`);
  return goCompact(text);
}

function toPublic(state: ClientState): FakeClient {
  const out: { -readonly [K in keyof FakeClient]: FakeClient[K] } = {
    user: state.user,
    client: state.client,
    channels: [...state.channels],
  };
  if (state.defaultInfo !== undefined && state.defaultInfo !== null) out.default_info = state.defaultInfo;
  if (state.channelInfo !== undefined && state.channelInfo !== null) out.channel_info = state.channelInfo;
  return out;
}
