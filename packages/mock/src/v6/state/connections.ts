/**
 * The connections the server API acts on (centrifuge Hub + memory presence manager): each
 * with a user, an id, connection info and its subscriptions, indexed by user and by channel.
 * What a connection receives goes to its `ConnectionSink`: a fake client (control API) keeps
 * it, a websocket transport would send it. The registry knows nothing of the protocol's JSON:
 * pushes arrive here already encoded.
 */
export interface ConnectionSink {
  push(json: string): void;
  close(code: number, reason: string): void;
}

export interface Subscription {
  /** Channel info (raw JSON text, '' when none): `chan_info` in presence, join and leave. */
  readonly chanInfo: string;
  readonly presence: boolean;
  readonly joinLeave: boolean;
  readonly pushJoinLeave: boolean;
  readonly serverSide: boolean;
}

export interface Connection {
  readonly client: string;
  readonly user: string;
  readonly session: string;
  /** Connection info (raw JSON text, '' when none): `conn_info` in presence. */
  info: string;
  /** Unix seconds the connection expires at; 0: never. */
  expireAt: number;
  readonly subs: Map<string, Subscription>;
  readonly sink: ConnectionSink;
}

export class ConnectionRegistry {
  private readonly byId = new Map<string, Connection>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byChannel = new Map<string, Set<string>>();

  add(c: Connection): void {
    this.byId.set(c.client, c);
    let ids = this.byUser.get(c.user);
    if (ids === undefined) this.byUser.set(c.user, (ids = new Set()));
    ids.add(c.client);
    for (const ch of c.subs.keys()) this.index(ch).add(c.client);
  }

  get(client: string): Connection | undefined {
    return this.byId.get(client);
  }

  has(client: string): boolean {
    return this.byId.has(client);
  }

  /** Removes the connection from every index (its subscriptions included). */
  remove(client: string): Connection | undefined {
    const c = this.byId.get(client);
    if (c === undefined) return undefined;
    this.byId.delete(client);
    const ids = this.byUser.get(c.user);
    ids?.delete(client);
    if (ids?.size === 0) this.byUser.delete(c.user);
    for (const ch of c.subs.keys()) this.unindex(ch, client);
    return c;
  }

  subscribe(c: Connection, channel: string, sub: Subscription): void {
    c.subs.set(channel, sub);
    this.index(channel).add(c.client);
  }

  unsubscribe(c: Connection, channel: string): Subscription | undefined {
    const sub = c.subs.get(channel);
    if (sub === undefined) return undefined;
    c.subs.delete(channel);
    this.unindex(channel, c.client);
    return sub;
  }

  /** A user's connections, in connection order ('' is the anonymous user). */
  ofUser(user: string): Connection[] {
    return [...(this.byUser.get(user) ?? [])].map((id) => this.byId.get(id) as Connection);
  }

  /** Connections subscribed to a channel. */
  subscribers(channel: string): Connection[] {
    return [...(this.byChannel.get(channel) ?? [])].map((id) => this.byId.get(id) as Connection);
  }

  /** Channels with at least one subscriber, and how many. */
  channels(): Map<string, number> {
    return new Map([...this.byChannel].map(([ch, ids]) => [ch, ids.size]));
  }

  list(): Connection[] {
    return [...this.byId.values()];
  }

  get numClients(): number {
    return this.byId.size;
  }
  get numUsers(): number {
    return this.byUser.size;
  }
  get numChannels(): number {
    return this.byChannel.size;
  }
  get numSubs(): number {
    let n = 0;
    for (const ids of this.byChannel.values()) n += ids.size;
    return n;
  }

  clear(): void {
    this.byId.clear();
    this.byUser.clear();
    this.byChannel.clear();
  }

  private index(channel: string): Set<string> {
    let ids = this.byChannel.get(channel);
    if (ids === undefined) this.byChannel.set(channel, (ids = new Set()));
    return ids;
  }

  private unindex(channel: string, client: string): void {
    const ids = this.byChannel.get(channel);
    ids?.delete(client);
    if (ids?.size === 0) this.byChannel.delete(channel);
  }
}
