/** What the HTTP control API drives: the subset of the mock's public surface it exposes. */
import type { FakeClient, FakeClientSpec } from '../state/clients.js';
import type { ActiveFault, FaultSpec } from '../state/faults.js';
import type { RecordedCommand } from '../state/recorded-command.js';
import type { CommandFilter, WaitOptions } from '../state/recorder.js';
import type { ContractViolation } from '../state/violations.js';

export interface HistoryEntry {
  readonly uid: string;
  readonly channel: string;
  /** The published data (JSON.parse of the raw text). */
  readonly data: unknown;
  readonly client?: string;
}

/**
 * A route a protocol adds to the control API (beside the shared ones): its method, its path under
 * `/_mock` (a pattern matched against the whole path), a line for `GET /_mock/`, and what it does
 * (the value it returns is sent as JSON with `status`, 200 by default; `MockError`s are 400).
 */
export interface ControlRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly describe: string;
  readonly status?: number;
  handle(match: RegExpExecArray, body: () => Promise<unknown>): unknown;
}

/**
 * The controls both protocols offer. Fake clients and history entries are the protocol's own
 * (`Spec`, `Client`, `History`); the HTTP control API passes them through as JSON.
 */
export interface ControlTarget<Spec = FakeClientSpec, Client = FakeClient, History = HistoryEntry> {
  reset(): void;
  addClient(spec: Spec): Client;
  /** Adds all the clients, or none when one of them cannot be added. */
  addClients(specs: readonly Spec[]): Client[];
  removeClient(clientId: string): boolean;
  removeAllClients(): number;
  clients(): Client[];
  commands(filter?: CommandFilter): RecordedCommand[];
  clearCommands(): void;
  waitFor(match: CommandFilter, options?: WaitOptions): Promise<RecordedCommand>;
  injectFault(spec: FaultSpec): ActiveFault;
  removeFault(id: number): boolean;
  clearFaults(): void;
  faults(): ActiveFault[];
  readonly violations: readonly ContractViolation[];
  clearViolations(): void;
  history(channel: string): History[];
  /** `history(channel)` as JSON text, each message's data written as received (no recursion). */
  historyJson(channel: string): string;
  readonly lastSeq: number;
  /** The protocol's own control routes. */
  readonly controlRoutes?: readonly ControlRoute[];
}
