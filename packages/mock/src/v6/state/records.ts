/**
 * What a v6 mock keeps for the test beside the server's state, on the shared pieces: recorded
 * commands (`CommandRecorder`), faults (`FaultRegistry`, over the v6 method names) and contract
 * violations (`ViolationLog`). `hooks` plugs them into a request's commands.
 */
import type { Clock } from '../../clock.js';
import { withoutKeptBytes } from '../../json/kept-bytes.js';
import { FaultRegistry } from '../../state/faults.js';
import { CommandRecorder } from '../../state/recorder.js';
import { ViolationLog } from '../../state/violations.js';
import type { CommandRun, ExecuteHooks } from '../api/invoke.js';
import { methodNames, softError, softErrorNamed } from '../protocol.js';
import type { WireIssues } from '../wire-validation.js';

export class RecordsV6 {
  readonly recorder: CommandRecorder;
  readonly faults = new FaultRegistry(methodNames);
  readonly violations = new ViolationLog();
  private requestSeq = 0;

  /** Strict mode: requests the real server refuses are recorded as violations. */
  readonly strict: boolean;

  constructor(
    private readonly clock: Clock,
    /** The wire validators, in strict mode. */
    readonly wire: WireIssues | undefined,
    recordLimit?: number,
    recordTextLimit?: number,
  ) {
    this.strict = wire !== undefined;
    this.recorder = new CommandRecorder(recordLimit, recordTextLimit);
  }

  nextRequestId(): number {
    this.requestSeq += 1;
    return this.requestSeq;
  }

  /** Faults and records for one request's commands. */
  hooks(requestId: number): ExecuteHooks {
    return {
      softFault: (method, channels) => {
        if (this.faults.size === 0) return undefined;
        const fault = this.faults.takeSoftError(method, channels[0] ?? '');
        return fault === undefined ? undefined : (softErrorNamed(fault.error) ?? 'internal_server_error');
      },
      command: (run) => this.record(requestId, run),
    };
  }

  record(requestId: number, run: CommandRun): void {
    const r = run.result;
    const failed = r.ok === false ? softError(r.error).message : null;
    this.recorder.record({
      requestId,
      index: run.index,
      transport: 'http',
      uid: '',
      method: run.method,
      paramsJson: run.paramsJson === undefined ? undefined : withoutKeptBytes(run.paramsJson),
      channels: run.channels,
      outcome: r.ok === true ? 'ok' : r.ok === false ? 'error' : 'rejected',
      error:
        r.ok === 'malformed'
          ? r.message
          : r.ok === 'unencodable'
            ? 'the reply cannot be encoded (a payload that is not JSON): HTTP 500'
            : failed,
      advice: null,
      bodyJson: r.ok === true ? withoutKeptBytes(r.result) : undefined,
      at: this.clock.now(),
    });
  }

  reset(): void {
    this.recorder.clear();
    this.faults.clear();
    this.violations.clear();
  }
}
