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

const TRANSPORTS: readonly Transport[] = ['http', 'redis'];
const OUTCOMES: readonly CommandOutcome[] = ['ok', 'error', 'rejected', 'ignored'];

/** Per slot in `refs`: uid, method, paramsJson, channels (one channel, a list, or undefined for none), error, advice, bodyJson. */
const REFS = 7;
/** Per slot in `nums`: requestId, index, at, transport and outcome codes. */
const NUMS = 4;

type Ref = string | readonly string[] | null | undefined;

/**
 * Kept in columns, in a ring of `limit` slots, and turned into objects only when read. A record
 * then keeps alive little more than the strings it names: one object per command (plus its
 * channel list and a boxed timestamp) made the garbage collector copy and promote ~350 bytes
 * and 6 objects per request, the largest cost of a publish after the HTTP work itself.
 * Records are consecutive in `seq`, so it is not stored.
 */
export class CommandRecorder {
  private readonly refs: Ref[] = [];
  private readonly nums: number[] = [];
  private readonly waiters = new Set<Waiter>();
  /** Slot of the oldest kept record. */
  private head = 0;
  private count = 0;
  private seq = 0;
  private droppedCount = 0;

  private readonly limit: number;

  constructor(limit = DEFAULT_RECORD_LIMIT) {
    const whole = Math.floor(limit);
    this.limit = whole > 0 ? whole : 0;
  }

  record(input: RecordInput): void {
    this.seq += 1;
    if (this.limit === 0) {
      this.droppedCount += 1;
      if (this.waiters.size > 0) this.wake(new StoredCommand(this.seq, input));
      return;
    }
    let slot: number;
    if (this.count < this.limit) {
      slot = (this.head + this.count) % this.limit;
      this.count += 1;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % this.limit;
      this.droppedCount += 1;
    }
    const channels = input.channels;
    const r = slot * REFS;
    const refs = this.refs;
    if (r === refs.length) {
      refs.push(input.uid, input.method, input.paramsJson, channels.length === 0 ? undefined : channels.length === 1 ? channels[0] : channels, input.error, input.advice, input.bodyJson);
    } else {
      refs[r] = input.uid;
      refs[r + 1] = input.method;
      refs[r + 2] = input.paramsJson;
      refs[r + 3] = channels.length === 0 ? undefined : channels.length === 1 ? channels[0] : channels;
      refs[r + 4] = input.error;
      refs[r + 5] = input.advice;
      refs[r + 6] = input.bodyJson;
    }
    const n = slot * NUMS;
    const nums = this.nums;
    const codes = (input.transport === 'http' ? 0 : 1) | (OUTCOMES.indexOf(input.outcome) << 1);
    if (n === nums.length) nums.push(input.requestId, input.index, input.at, codes);
    else {
      nums[n] = input.requestId;
      nums[n + 1] = input.index;
      nums[n + 2] = input.at;
      nums[n + 3] = codes;
    }
    if (this.waiters.size > 0) this.wake(this.materialize(this.count - 1));
  }

  private wake(command: RecordedCommand): void {
    for (const waiter of this.waiters) {
      if (waiter.test(command)) {
        this.waiters.delete(waiter);
        waiter.resolve(command);
      }
    }
  }

  /** The i-th kept record, oldest first. */
  private materialize(i: number): StoredCommand {
    const slot = (this.head + i) % this.limit;
    const r = slot * REFS;
    const n = slot * NUMS;
    const refs = this.refs;
    const nums = this.nums;
    const one = refs[r + 3];
    const codes = nums[n + 3] as number;
    return new StoredCommand(this.seq - this.count + 1 + i, {
      requestId: nums[n] as number,
      index: nums[n + 1] as number,
      transport: TRANSPORTS[codes & 1] as Transport,
      uid: refs[r] as string,
      method: refs[r + 1] as string,
      paramsJson: refs[r + 2] as string | undefined,
      channels: one === undefined ? [] : typeof one === 'string' ? [one] : [...(one as readonly string[])],
      outcome: OUTCOMES[codes >> 1] as CommandOutcome,
      error: refs[r + 4] as string | null,
      advice: refs[r + 5] as string | null,
      bodyJson: refs[r + 6] as string | undefined,
      at: nums[n + 2] as number,
    });
  }

  list(match?: CommandMatcher): RecordedCommand[] {
    const out: RecordedCommand[] = [];
    const test = match === undefined ? undefined : toPredicate(match);
    for (let i = 0; i < this.count; i += 1) {
      const c = this.materialize(i);
      if (test === undefined || test(c)) out.push(c);
    }
    return out;
  }

  clear(): void {
    this.refs.length = 0;
    this.nums.length = 0;
    this.head = 0;
    this.count = 0;
  }

  /** Highest `seq` handed out so far (0 before the first command). */
  get lastSeq(): number {
    return this.seq;
  }

  /** How many commands were dropped because the limit was reached. */
  get dropped(): number {
    return this.droppedCount;
  }

  waitFor(match: CommandMatcher, options: WaitOptions = {}): Promise<RecordedCommand> {
    const timeout = options.timeout ?? 5000;
    const since = options.since;
    const base = toPredicate(match);
    const test = since === undefined ? base : (c: RecordedCommand) => c.seq > since && base(c);
    for (let i = 0; i < this.count; i += 1) {
      const c = this.materialize(i);
      if (test(c)) return Promise.resolve(c);
    }
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
    if (this.count === 0) return 'nothing';
    const last: string[] = [];
    for (let i = Math.max(0, this.count - 10); i < this.count; i += 1) {
      const c = this.materialize(i);
      last.push(`#${c.seq} ${c.method}${c.channels.length ? ` ${c.channels.join(',')}` : ''} (${c.outcome})`);
    }
    return `${this.count} command(s), last: ${last.join('; ')}`;
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
