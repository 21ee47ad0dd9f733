/** The object `startMockCentrifugo` returns: the public controls over one running mock. */
import type { ResolvedConfig } from './config/types.js';
import type { ControlTarget, HistoryEntry } from './control/control-target.js';
import { MockUsageError } from './errors.js';
import { apiSign } from './http/sign.js';
import { withoutKeptBytes } from './json/kept-bytes.js';
import type { MockCentrifugo } from './mock.js';
import { canFailInEngine, isMethodName } from './protocol.js';
import type { FakeClient, FakeClientSpec } from './state/clients.js';
import type { ActiveFault, FaultSpec } from './state/faults.js';
import { subscribeRefusal } from './state/subscribe-rules.js';
import type { MockNode } from './state/node.js';
import type { RecordedCommand } from './state/recorded-command.js';
import type { CommandFilter, CommandMatcher, WaitOptions } from './state/recorder.js';
import type { MethodFilter, RecordedCommandOf } from './state/typed-commands.js';
import type { MethodName } from '@centkit/validators/protocol';
import type { ContractViolation } from './state/violations.js';

export class Mock implements MockCentrifugo, ControlTarget {
  url = '';
  apiUrl = '';
  port = 0;
  host = '';
  private stop: (() => Promise<void>) | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly node: MockNode) {}

  started(host: string, port: number, stop: () => Promise<void>): void {
    this.host = host;
    this.port = port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.apiUrl = `${this.url}${this.node.config.httpPrefix}/api/`;
    this.stop = stop;
  }

  get config(): ResolvedConfig {
    return this.node.config;
  }
  get nodeInfo() {
    return { uid: this.node.uid, name: this.node.name };
  }
  get violations(): readonly ContractViolation[] {
    return this.node.violations.list();
  }
  get lastSeq(): number {
    return this.node.recorder.lastSeq;
  }

  reset(): void {
    this.node.reset();
  }

  addClient(spec: FakeClientSpec): FakeClient {
    return this.addClients([spec])[0] as FakeClient;
  }
  addClients(specs: readonly FakeClientSpec[]): FakeClient[] {
    const { node } = this;
    const added = node.clients.addAll(specs, (ch, user, id) => subscribeRefusal(node.config, ch, user, id));
    for (const { channelsAdded } of added) {
      node.metrics.inc('node_num_add_client_conn');
      node.metrics.inc('node_num_add_client_sub', channelsAdded);
    }
    return added.map(({ client }) => node.clients.get(client.client) as FakeClient);
  }
  removeClient(clientId: string): boolean {
    const subs = this.node.clients.remove(clientId);
    if (subs < 0) return false;
    this.node.metrics.inc('node_num_remove_client_conn');
    this.node.metrics.inc('node_num_remove_client_sub', subs);
    return true;
  }
  removeAllClients(): number {
    const ids = this.node.clients.list().map((c) => c.client);
    for (const id of ids) this.removeClient(id);
    return ids.length;
  }
  clients(): FakeClient[] {
    return this.node.clients.list();
  }

  commands<M extends MethodName>(filter: MethodFilter<M>): RecordedCommandOf<M>[];
  commands(filter?: CommandFilter): RecordedCommand[];
  commands(filter?: CommandFilter): RecordedCommand[] {
    return this.node.recorder.list(filter);
  }
  clearCommands(): void {
    this.node.recorder.clear();
  }
  waitFor<M extends MethodName>(match: MethodFilter<M>, options?: WaitOptions): Promise<RecordedCommandOf<M>>;
  waitFor(match: CommandMatcher, options?: WaitOptions): Promise<RecordedCommand>;
  waitFor(match: CommandMatcher, options?: WaitOptions): Promise<RecordedCommand> {
    return this.node.recorder.waitFor(match, options);
  }

  injectFault(spec: FaultSpec): ActiveFault {
    if (
      spec?.type === 'soft-error' &&
      spec.method !== undefined &&
      isMethodName(spec.method) &&
      !canFailInEngine(spec.method)
    ) {
      throw new MockUsageError(
        'invalid_fault',
        `${spec.method} cannot fail with a soft error in Centrifugo 1.8.0 (no internal_server_error in its error catalogue)`,
      );
    }
    return this.node.faults.add(spec);
  }
  removeFault(id: number): boolean {
    return this.node.faults.remove(id);
  }
  clearFaults(): void {
    this.node.faults.clear();
  }
  faults(): ActiveFault[] {
    return this.node.faults.list();
  }

  assertNoViolations(): void {
    this.node.violations.assertNone();
  }
  clearViolations(): void {
    this.node.violations.clear();
  }

  history(channel: string): HistoryEntry[] {
    return this.node.history.get(channel).map((m) => ({
      uid: m.uid,
      channel: m.channel,
      data: JSON.parse(m.keptBytes ? withoutKeptBytes(m.data) : m.data) as unknown,
      ...(m.client ? { client: m.client } : {}),
    }));
  }

  historyJson(channel: string): string {
    const entries = this.node.history.get(channel).map((m) => {
      const data = m.keptBytes ? withoutKeptBytes(m.data) : m.data;
      return `{"uid":${JSON.stringify(m.uid)},"channel":${JSON.stringify(m.channel)},"data":${data}${m.client ? `,"client":${JSON.stringify(m.client)}` : ''}}`;
    });
    return `[${entries.join(',')}]`;
  }

  sign(data: string | Buffer): string {
    return apiSign(this.node.config.secret, data);
  }

  close(): Promise<void> {
    this.closed ??= this.stop ? this.stop() : Promise.resolve();
    return this.closed;
  }
}
