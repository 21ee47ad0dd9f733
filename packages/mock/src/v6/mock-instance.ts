/** The object `startMockCentrifugoV6` returns: the public controls over one running v6 mock. */
import type { ControlRoute } from '../control/control-target.js';
import { MockUsageError } from '../errors.js';
import type { ActiveFault, FaultSpec } from '../state/faults.js';
import type { RecordedCommand } from '../state/recorded-command.js';
import type { CommandMatcher, WaitOptions } from '../state/recorder.js';
import type { ContractViolation } from '../state/violations.js';
import type { ResolvedConfigV6, StartupLogRecord } from './config/types.js';
import { close } from './engine/connection-ops.js';
import { connectFake, subscribeFake, type FakeClientSpecV6, type FakeSink } from './engine/fake-clients.js';
import { fakeClientView, historyJson, type FakeClientV6, type HistoryEntryV6 } from './fake-client-view.js';
import type { MockCentrifugoV6, RecordedCommandV6 } from './mock-types.js';
import { softErrorNamed } from './protocol.js';
import type { Connection } from './state/connections.js';
import type { NodeV6 } from './state/node.js';
import type { RecordsV6 } from './state/records.js';
import { wsControlRoutes } from './ws/control-routes.js';
import type { ActivePushFault, PushFaultSpec } from './ws/push-faults.js';
import { signConnectionToken, type ConnectionTokenClaims } from './ws/sign-token.js';
import type { WebsocketTransport, WsConnectionInfo } from './ws/transport.js';

export class MockV6 implements MockCentrifugoV6 {
  url = '';
  apiUrl = '';
  port = 0;
  host = '';
  private stop: (() => Promise<void>) | undefined;
  private closed: Promise<void> | undefined;
  private readonly fakes = new Map<string, { connection: Connection; sink: FakeSink }>();

  constructor(
    private readonly node: NodeV6,
    private readonly records: RecordsV6,
    readonly warnings: readonly StartupLogRecord[],
    private readonly ws: WebsocketTransport,
  ) {}

  started(host: string, port: number, apiPrefix: string, stop: () => Promise<void>): void {
    this.host = host;
    this.port = port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.apiUrl = `${this.url}${apiPrefix === '/' ? '' : apiPrefix}`;
    this.stop = stop;
  }

  /** `ws://<host>:<port>/connection/websocket`: where the centrifuge SDK connects. */
  get wsUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}${this.ws.config.path}`;
  }

  get config(): ResolvedConfigV6 {
    return this.node.config;
  }
  get apiKey(): string {
    return this.node.config.httpApi.key;
  }
  get nodeInfo() {
    return { uid: this.node.uid, name: this.node.name };
  }
  get violations(): readonly ContractViolation[] {
    return this.records.violations.list();
  }
  get lastSeq(): number {
    return this.records.recorder.lastSeq;
  }

  reset(): void {
    this.ws.reset();
    this.node.reset();
    this.records.reset();
    this.fakes.clear();
  }

  addClient(spec: FakeClientSpecV6): FakeClientV6 {
    return this.addClients([spec])[0] as FakeClientV6;
  }
  addClients(specs: readonly FakeClientSpecV6[]): FakeClientV6[] {
    if (!Array.isArray(specs)) throw new MockUsageError('invalid_client', 'a list of fake clients is expected');
    const ids = specs.map((s) => s?.client).filter((id): id is string => typeof id === 'string');
    if (new Set(ids).size !== ids.length)
      throw new MockUsageError('duplicate_client', 'the list names one client id twice');
    const added: Connection[] = [];
    try {
      for (const spec of specs) {
        const { connection, sink } = connectFake(this.node, spec);
        this.fakes.set(connection.client, { connection, sink });
        added.push(connection);
      }
    } catch (err) {
      for (const c of added) this.forget(c.client);
      throw err;
    }
    return added.map((c) => this.view(c.client) as FakeClientV6);
  }
  /** Subscribes a fake client to a channel, as a client subscribing itself would be. */
  subscribe(clientId: string, channel: string): FakeClientV6 {
    const fake = this.connected(clientId);
    subscribeFake(this.node, fake.connection, channel);
    return this.view(clientId) as FakeClientV6;
  }
  /** Unsubscribes a fake client from a channel, as the client itself would (no push). */
  unsubscribe(clientId: string, channel: string): FakeClientV6 {
    const fake = this.connected(clientId);
    if (!fake.connection.subs.has(channel))
      throw new MockUsageError('not_subscribed', `client ${clientId} is not subscribed to ${JSON.stringify(channel)}`);
    this.node.connections.unsubscribe(fake.connection, channel);
    return this.view(clientId) as FakeClientV6;
  }
  removeClient(clientId: string): boolean {
    return this.forget(clientId);
  }
  removeAllClients(): number {
    const ids = [...this.fakes.keys()];
    for (const id of ids) this.forget(id);
    return ids.length;
  }
  clients(): FakeClientV6[] {
    return [...this.fakes.keys()].map((id) => this.view(id) as FakeClientV6);
  }
  client(clientId: string): FakeClientV6 | undefined {
    return this.view(clientId);
  }

  commands(filter?: CommandMatcher): RecordedCommandV6[] {
    return this.records.recorder.list(filter as never) as RecordedCommand[] as RecordedCommandV6[];
  }
  clearCommands(): void {
    this.records.recorder.clear();
  }
  waitFor(match: CommandMatcher, options?: WaitOptions): Promise<RecordedCommandV6> {
    return this.records.recorder.waitFor(match, options) as Promise<RecordedCommand> as Promise<RecordedCommandV6>;
  }

  injectFault(spec: FaultSpec): ActiveFault {
    if (
      spec?.type === 'soft-error' &&
      spec.error !== undefined &&
      (typeof spec.error !== 'string' || softErrorNamed(spec.error) === undefined)
    ) {
      throw new MockUsageError(
        'invalid_fault',
        `fault.error must name a numbered error of Centrifugo v6 (an id such as "internal_server_error" or a message such as "unknown channel"), not ${JSON.stringify(spec.error)}`,
      );
    }
    return this.records.faults.add(spec);
  }
  removeFault(id: number): boolean {
    return this.records.faults.remove(id);
  }
  clearFaults(): void {
    this.records.faults.clear();
  }
  faults(): ActiveFault[] {
    return this.records.faults.list();
  }

  assertNoViolations(): void {
    this.records.violations.assertNone();
  }
  clearViolations(): void {
    this.records.violations.clear();
  }

  history(channel: string): HistoryEntryV6[] {
    return JSON.parse(this.historyJson(channel)) as HistoryEntryV6[];
  }
  historyJson(channel: string): string {
    return historyJson(this.node.history.peek(channel));
  }

  connectionToken(user: string, claims?: ConnectionTokenClaims): Promise<string> {
    return signConnectionToken(this.node, user, claims);
  }
  wsConnections(): WsConnectionInfo[] {
    return this.ws.list();
  }
  dropConnection(client: string, code?: number, reason?: string): boolean {
    return this.ws.drop(client, code, reason);
  }
  injectPushFault(spec: PushFaultSpec): ActivePushFault {
    return this.ws.faults.add(spec);
  }
  removePushFault(id: number): boolean {
    return this.ws.faults.remove(id);
  }
  clearPushFaults(): void {
    this.ws.faults.clear();
  }
  pushFaults(): ActivePushFault[] {
    return this.ws.faults.list();
  }

  readonly controlRoutes: readonly ControlRoute[] = [
    ...wsControlRoutes(this),
    {
      method: 'POST',
      path: /^\/clients\/([^/]+)\/channels$/,
      describe: 'POST /_mock/clients/<client id>/channels {channel}: subscribe a fake client',
      handle: async (m, body) => ({ client: this.subscribe(m[1] as string, channelOf(await body())) }),
    },
    {
      method: 'DELETE',
      path: /^\/clients\/([^/]+)\/channels\/(.+)$/,
      describe: 'DELETE /_mock/clients/<client id>/channels/<channel>: unsubscribe a fake client',
      handle: (m) => ({ client: this.unsubscribe(m[1] as string, m[2] as string) }),
    },
  ];

  close(): Promise<void> {
    this.closed ??= this.stop ? this.stop() : Promise.resolve();
    return this.closed;
  }

  private view(clientId: string): FakeClientV6 | undefined {
    const fake = this.fakes.get(clientId);
    return fake === undefined
      ? undefined
      : fakeClientView(fake.connection, fake.sink, this.node.connections.get(clientId) === fake.connection);
  }

  private connected(clientId: string): { connection: Connection; sink: FakeSink } {
    const fake = this.fakes.get(clientId);
    if (fake === undefined || this.node.connections.get(clientId) !== fake.connection)
      throw new MockUsageError('unknown_client', `no connected fake client ${JSON.stringify(clientId)}`);
    return fake;
  }

  /** The client goes away: its subscriptions end (the others may see leaves), and it is forgotten. */
  private forget(clientId: string): boolean {
    const fake = this.fakes.get(clientId);
    if (fake === undefined) return false;
    if (this.node.connections.get(clientId) === fake.connection)
      close(this.node, [fake.connection], 3000, 'connection closed');
    this.fakes.delete(clientId);
    return true;
  }
}

function channelOf(body: unknown): string {
  const channel = (body as { channel?: unknown } | null)?.channel;
  if (typeof channel !== 'string' || channel === '')
    throw new MockUsageError('invalid_body', 'the body is {"channel": "<name>"}');
  return channel;
}
