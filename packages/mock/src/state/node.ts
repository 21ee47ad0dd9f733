/** Everything one mock server instance knows: config, clock, engine state and test records. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { ResolvedConfig } from '../config/types.js';
import type { MockLogger } from '../logger.js';
import { ClientRegistry } from './clients.js';
import { methodNames } from '../protocol.js';
import { FaultRegistry } from './faults.js';
import { HistoryStore } from './history.js';
import { Metrics, type LiveGauges } from './metrics.js';
import { Nuid } from './nuid.js';
import { CommandRecorder } from './recorder.js';
import { ViolationLog } from './violations.js';
import type { ValidateParams } from '../protocol.js';

export interface NodeOptions {
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly logger: MockLogger;
  readonly strict: boolean;
  /** The wire validators, in strict mode. */
  readonly wire?: ValidateParams;
  readonly recordLimit?: number;
  readonly recordTextLimit?: number;
}

export class MockNode {
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly logger: MockLogger;
  readonly strict: boolean;
  /** The wire validators, in strict mode: params are checked against the schema too. */
  readonly wire: ValidateParams | undefined;
  readonly history: HistoryStore;
  readonly clients = new ClientRegistry();
  readonly metrics = new Metrics();
  readonly nuid = new Nuid();
  readonly recorder: CommandRecorder;
  readonly faults = new FaultRegistry(methodNames);
  readonly violations = new ViolationLog();
  readonly uid = randomUUID();
  /** ms on the mock clock. */
  readonly startedAt: number;
  /** Node name; the server fills in `<hostname>_<port>` once it listens, unless configured. */
  name: string;
  private requestSeq = 0;

  constructor(options: NodeOptions) {
    this.config = options.config;
    this.clock = options.clock;
    this.logger = options.logger;
    this.strict = options.strict;
    this.wire = options.wire;
    this.history = new HistoryStore(options.clock);
    this.recorder = new CommandRecorder(options.recordLimit, options.recordTextLimit);
    this.startedAt = options.clock.now();
    this.name = options.config.name ?? '';
  }

  nextRequestId(): number {
    this.requestSeq += 1;
    return this.requestSeq;
  }

  gauges(): LiveGauges {
    return {
      clients: this.clients.clientCount,
      uniqueClients: this.clients.userCount,
      channels: this.clients.channelCount,
      uptimeSeconds: Math.max(0, Math.floor((this.clock.now() - this.startedAt) / 1000)),
    };
  }

  /** Back to a fresh server: no history, clients, records, faults, violations or counters. */
  reset(): void {
    this.history.clear();
    this.clients.clear();
    this.metrics.reset();
    this.recorder.clear();
    this.faults.clear();
    this.violations.clear();
  }
}
