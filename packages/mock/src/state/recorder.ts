/**
 * Every command received, in order (bounded: the oldest are dropped past `limit`), with
 * filtering and `waitFor` for app code that publishes asynchronously.
 */
import { MockTimeoutError } from '../errors.js';
import { StoredCommand, type CommandOutcome, type RecordedCommand, type RecordInput, type Transport } from './recorded-command.js';

export interface CommandFilter {
  readonly method?: string;
  readonly channel?: string;
  readonly transport?: Transport;
  readonly outcome?: CommandOutcome;
  /** Only commands with `seq` greater than this. */
  readonly since?: number;
}

export type CommandMatcher = CommandFilter | ((command: RecordedCommand) => boolean);

export interface WaitOptions {
  /** Milliseconds; default 5000. */
  readonly timeout?: number;
  /** Only commands recorded after this `seq` count (default: already-recorded ones count too). */
  readonly since?: number;
  readonly signal?: AbortSignal;
}

interface Waiter {
  readonly test: (c: RecordedCommand) => boolean;
  readonly resolve: (c: RecordedCommand) => void;
}

export const DEFAULT_RECORD_LIMIT = 10_000;

export class CommandRecorder {
  private readonly items: StoredCommand[] = [];
  private readonly waiters = new Set<Waiter>();
  private seq = 0;
  private droppedCount = 0;

  constructor(private readonly limit = DEFAULT_RECORD_LIMIT) {}

  record(input: RecordInput): RecordedCommand {
    this.seq += 1;
    const command = new StoredCommand(this.seq, input);
    this.items.push(command);
    // Trim in batches so that recording stays O(1) amortised.
    if (this.items.length >= this.limit * 2) {
      const excess = this.items.length - this.limit;
      this.items.splice(0, excess);
      this.droppedCount += excess;
    }
    if (this.waiters.size > 0) this.wake(command);
    return command;
  }

  private wake(command: StoredCommand): void {
    for (const waiter of this.waiters) {
      if (waiter.test(command)) {
        this.waiters.delete(waiter);
        waiter.resolve(command);
      }
    }
  }

  list(match?: CommandMatcher): RecordedCommand[] {
    const kept = this.items.length > this.limit ? this.items.slice(-this.limit) : this.items;
    return match === undefined ? [...kept] : kept.filter(toPredicate(match));
  }

  clear(): void {
    this.items.length = 0;
  }

  /** Highest `seq` handed out so far (0 before the first command). */
  get lastSeq(): number {
    return this.seq;
  }

  /** How many commands were dropped because the limit was reached. */
  get dropped(): number {
    return this.droppedCount + Math.max(0, this.items.length - this.limit);
  }

  waitFor(match: CommandMatcher, options: WaitOptions = {}): Promise<RecordedCommand> {
    const timeout = options.timeout ?? 5000;
    const since = options.since;
    const base = toPredicate(match);
    const test = since === undefined ? base : (c: RecordedCommand) => c.seq > since && base(c);
    const found = this.items.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = { test, resolve: (c) => (finish(), resolve(c)) };
      const onAbort = () => (finish(), reject(new MockTimeoutError('waitFor was aborted', timeout)));
      const timer = setTimeout(() => {
        finish();
        reject(new MockTimeoutError(`no matching command within ${timeout} ms (${describe(match)}); received: ${this.summary()}`, timeout));
      }, timeout);
      this.waiters.add(waiter);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private summary(): string {
    if (this.items.length === 0) return 'nothing';
    const last = this.items.slice(-10).map((c) => `#${c.seq} ${c.method}${c.channels.length ? ` ${c.channels.join(',')}` : ''} (${c.outcome})`);
    return `${this.items.length} command(s), last: ${last.join('; ')}`;
  }
}

export function toPredicate(match: CommandMatcher): (c: RecordedCommand) => boolean {
  if (typeof match === 'function') return match;
  const { method, channel, transport, outcome, since } = match;
  return (c) =>
    (method === undefined || c.method === method) &&
    (channel === undefined || c.channels.includes(channel)) &&
    (transport === undefined || c.transport === transport) &&
    (outcome === undefined || c.outcome === outcome) &&
    (since === undefined || c.seq > since);
}

function describe(match: CommandMatcher): string {
  return typeof match === 'function' ? 'predicate' : JSON.stringify(match);
}
