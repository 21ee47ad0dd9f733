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

export interface ControlTarget {
  reset(): void;
  addClient(spec: FakeClientSpec): FakeClient;
  /** Adds all the clients, or none when one of them cannot be added. */
  addClients(specs: readonly FakeClientSpec[]): FakeClient[];
  removeClient(clientId: string): boolean;
  removeAllClients(): number;
  clients(): FakeClient[];
  commands(filter?: CommandFilter): RecordedCommand[];
  clearCommands(): void;
  waitFor(match: CommandFilter, options?: WaitOptions): Promise<RecordedCommand>;
  injectFault(spec: FaultSpec): ActiveFault;
  removeFault(id: number): boolean;
  clearFaults(): void;
  faults(): ActiveFault[];
  readonly violations: readonly ContractViolation[];
  clearViolations(): void;
  history(channel: string): HistoryEntry[];
  /** `history(channel)` as JSON text, each message's data written as received (no recursion). */
  historyJson(channel: string): string;
  readonly lastSeq: number;
}
