/**
 * Every command received, in order (bounded: the oldest are dropped past `limit` records, or
 * once the long texts they hold pass `maxLongText`), with filtering and `waitFor` for app code
 * that publishes asynchronously.
 */
import { MockTimeoutError } from '../errors.js';
import {
  StoredCommand,
  type CommandOutcome,
  type RecordedCommand,
  type RecordInput,
  type Transport,
} from './recorded-command.js';
import { TextRing } from './text-ring.js';

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
/**
 * How much long text (params, reply bodies and the like over 256 characters, kept as they came)
 * the records may hold together, in characters (bytes, for the ASCII that JSON mostly is):
 * without it, 10,000 records of 64 MiB bodies could hold 640 GiB.
 */
export const DEFAULT_RECORD_TEXT_LIMIT = 256 * 1024 * 1024;

const TRANSPORTS: readonly Transport[] = ['http', 'redis'];
const OUTCOMES: readonly CommandOutcome[] = ['ok', 'error', 'rejected', 'ignored'];

/** Per slot in `refs`: method, error, advice, bodyJson, and uid, params, channels when not in the text ring. */
const REFS = 7;
/**
 * Per slot in `nums`: requestId, index, at, transport and outcome codes, then position and
 * length in the text ring of uid, params and the one channel, then where the slot's text ends,
 * then the length of the long texts it holds outside the ring.
 */
const NUMS = 12;
/** Longer strings stay heap strings (their size, not their count, is what they cost). */
const RING_MAX = 256;
/** Lengths that say where a value is instead. */
const ABSENT = -1;
const IN_REFS = -2;

type Ref = string | readonly string[] | null | undefined;

/**
 * Kept in columns, in a ring of `limit` slots, and turned into objects only when read. One
 * object per command (13 fields, a boxed timestamp, its channel list) made the garbage
 * collector copy and promote ~350 bytes and 6 objects per request; the command's own strings
 * (params, channel, uid) go into a text ring (see `TextRing`) unless they are long. Records are
 * consecutive in `seq`, so it is not stored.
 */
export class CommandRecorder {
  private readonly refs: Ref[] = [];
  private readonly nums: number[] = [];
  private readonly text = new TextRing();
  private readonly waiters = new Set<Waiter>();
  /** Slot of the oldest kept record. */
  private head = 0;
  private count = 0;
  private seq = 0;
  private droppedCount = 0;
  /** Length of the long texts the kept records hold (what `maxLongText` bounds). */
  private longText = 0;

  private readonly limit: number;
  private readonly maxLongText: number;

  constructor(limit = DEFAULT_RECORD_LIMIT, maxLongText = DEFAULT_RECORD_TEXT_LIMIT) {
    const whole = Math.floor(limit);
    this.limit = whole > 0 ? whole : 0;
    this.maxLongText = Math.max(0, maxLongText);
  }

  record(input: RecordInput): void {
    this.seq += 1;
    if (this.limit === 0) {
      this.droppedCount += 1;
      if (this.waiters.size > 0) this.wake(new StoredCommand(this.seq, input));
      return;
    }
    if (this.count === this.limit) this.dropOldest();
    const slot = (this.head + this.count) % this.limit;
    this.count += 1;
    const refs = this.refs;
    const nums = this.nums;
    const r = slot * REFS;
    const n = slot * NUMS;
    if (r === refs.length) {
      refs.length += REFS;
      nums.length += NUMS;
    }
    refs[r] = input.method;
    refs[r + 1] = input.error;
    refs[r + 2] = input.advice;
    refs[r + 3] = input.bodyJson;
    nums[n] = input.requestId;
    nums[n + 1] = input.index;
    nums[n + 2] = input.at;
    nums[n + 3] = (input.transport === 'http' ? 0 : 1) | (OUTCOMES.indexOf(input.outcome) << 1);
    this.keep(input.uid, r + 4, n + 4);
    this.keep(input.paramsJson, r + 5, n + 6);
    const channels = input.channels;
    if (channels.length === 1) this.keep(channels[0], r + 6, n + 8);
    else {
      refs[r + 6] = channels.length === 0 ? undefined : channels;
      nums[n + 8] = 0;
      nums[n + 9] = channels.length === 0 ? ABSENT : IN_REFS;
    }
    nums[n + 10] = this.text.position;
    const long = longLength(refs, r);
    nums[n + 11] = long;
    this.longText += long;
    // The newest record stays even alone over the limit (a single body is bounded by the server's caps).
    while (this.longText > this.maxLongText && this.count > 1) this.dropOldest();
    if (this.waiters.size > 0) this.wake(this.materialize(this.count - 1));
  }

  /** Drops the oldest kept record, and lets go of what it held. */
  private dropOldest(): void {
    const slot = this.head;
    const r = slot * REFS;
    this.longText -= this.nums[slot * NUMS + 11] as number;
    // The dropped record's text is the oldest in the ring.
    this.text.release(this.nums[slot * NUMS + 10] as number);
    this.refs.fill(undefined, r, r + REFS);
    this.head = (this.head + 1) % this.limit;
    this.count -= 1;
    this.droppedCount += 1;
  }

  /** Stores a string field: in the text ring when short, as a reference otherwise. */
  private keep(value: string | undefined, ref: number, num: number): void {
    if (value === undefined) {
      this.refs[ref] = undefined;
      this.nums[num] = 0;
      this.nums[num + 1] = ABSENT;
    } else if (value.length <= RING_MAX) {
      this.refs[ref] = undefined;
      this.nums[num] = value.length === 0 ? 0 : this.text.append(value);
      this.nums[num + 1] = value.length;
    } else {
      this.refs[ref] = value;
      this.nums[num] = 0;
      this.nums[num + 1] = IN_REFS;
    }
  }

  private kept(ref: number, num: number): Ref {
    const length = this.nums[num + 1] as number;
    if (length === ABSENT) return undefined;
    if (length === IN_REFS) return this.refs[ref];
    return this.text.read(this.nums[num] as number, length);
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
    const channels = this.kept(r + 6, n + 8);
    const codes = nums[n + 3] as number;
    return new StoredCommand(this.seq - this.count + 1 + i, {
      requestId: nums[n] as number,
      index: nums[n + 1] as number,
      transport: TRANSPORTS[codes & 1] as Transport,
      uid: this.kept(r + 4, n + 4) as string,
      method: refs[r] as string,
      paramsJson: this.kept(r + 5, n + 6) as string | undefined,
      channels:
        channels === undefined ? [] : typeof channels === 'string' ? [channels] : [...(channels as readonly string[])],
      outcome: OUTCOMES[codes >> 1] as CommandOutcome,
      error: refs[r + 1] as string | null,
      advice: refs[r + 2] as string | null,
      bodyJson: refs[r + 3] as string | undefined,
      at: nums[n + 2] as number,
    });
  }

  /**
   * The kept records that match, oldest first. A filter object is tested on the stored columns
   * first, and only matching records become objects; `since` starts at the first record after it
   * (records are consecutive in `seq`), so a query with `since` costs what it returns.
   */
  list(match?: CommandMatcher): RecordedCommand[] {
    const out: RecordedCommand[] = [];
    if (typeof match === 'function') {
      for (let i = 0; i < this.count; i += 1) {
        const c = this.materialize(i);
        if (match(c)) out.push(c);
      }
      return out;
    }
    const codes = match === undefined ? undefined : filterCodes(match);
    for (let i = this.firstAfter(match?.since); i < this.count; i += 1) {
      if (codes === undefined || this.matches(i, codes)) out.push(this.materialize(i));
    }
    return out;
  }

  /** The index of the first kept record with `seq > since` (`count` when none). */
  private firstAfter(since: number | undefined): number {
    if (since === undefined) return 0;
    if (Number.isNaN(since)) return this.count;
    const firstSeq = this.seq - this.count + 1;
    const index = Math.floor(since) + 1 - firstSeq;
    return index <= 0 ? 0 : Math.min(this.count, index);
  }

  /** Whether the i-th kept record matches, read from the columns without making an object. */
  private matches(i: number, f: FilterCodes): boolean {
    const slot = (this.head + i) % this.limit;
    const r = slot * REFS;
    const n = slot * NUMS;
    const codes = this.nums[n + 3] as number;
    if (f.transport >= 0 && (codes & 1) !== f.transport) return false;
    if (f.outcome >= 0 && codes >> 1 !== f.outcome) return false;
    if (f.method !== undefined && this.refs[r] !== f.method) return false;
    if (f.channel === undefined) return true;
    const length = this.nums[n + 9] as number;
    if (length === ABSENT) return false;
    if (length === IN_REFS) {
      const kept = this.refs[r + 6];
      return typeof kept === 'string' ? kept === f.channel : (kept as readonly string[]).includes(f.channel);
    }
    return length === f.channel.length && this.text.equals(this.nums[n + 8] as number, f.channel);
  }
  clear(): void {
    this.refs.length = 0;
    this.nums.length = 0;
    this.text.clear();
    this.head = 0;
    this.count = 0;
    this.longText = 0;
  }

  /** Highest `seq` handed out so far (0 before the first command). */
  get lastSeq(): number {
    return this.seq;
  }

  /** How many commands were dropped because a limit was reached. */
  get dropped(): number {
    return this.droppedCount;
  }

  waitFor(match: CommandMatcher, options: WaitOptions = {}): Promise<RecordedCommand> {
    const timeout = options.timeout ?? 5000;
    const since = options.since;
    const base = toPredicate(match);
    const test = since === undefined ? base : (c: RecordedCommand) => c.seq > since && base(c);
    const found = this.first(match, since);
    if (found !== undefined) return Promise.resolve(found);
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
        reject(
          new MockTimeoutError(
            `no matching command within ${timeout} ms (${describe(match)}); received: ${this.summary()}`,
            timeout,
          ),
        );
      }, timeout);
      this.waiters.add(waiter);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The first kept record after `since` that matches, found as `list` finds them. */
  private first(match: CommandMatcher, since: number | undefined): RecordedCommand | undefined {
    const from = Math.max(this.firstAfter(since), typeof match === 'function' ? 0 : this.firstAfter(match.since));
    const codes = typeof match === 'function' ? undefined : filterCodes(match);
    for (let i = from; i < this.count; i += 1) {
      if (codes !== undefined) {
        if (this.matches(i, codes)) return this.materialize(i);
      } else {
        const c = this.materialize(i);
        if ((match as (c: RecordedCommand) => boolean)(c)) return c;
      }
    }
    return undefined;
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

/** A filter's fields as the columns store them (-1: any). */
interface FilterCodes {
  readonly method: string | undefined;
  readonly channel: string | undefined;
  readonly transport: number;
  readonly outcome: number;
}

function filterCodes(f: CommandFilter): FilterCodes {
  const transport = f.transport === undefined ? -1 : TRANSPORTS.indexOf(f.transport);
  const outcome = f.outcome === undefined ? -1 : OUTCOMES.indexOf(f.outcome);
  // A value no record can have (a typo in code) matches nothing, as the predicate would.
  return {
    method: f.method,
    channel: f.channel,
    transport: f.transport !== undefined && transport < 0 ? 2 : transport,
    outcome: f.outcome !== undefined && outcome < 0 ? 99 : outcome,
  };
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

/**
 * The length of the long texts a slot holds as references (method, error, reply body, uid,
 * params, channels): the ones over `RING_MAX`, whose size rather than count is their cost.
 */
function longLength(refs: readonly Ref[], r: number): number {
  let total = 0;
  for (let i = r; i < r + REFS; i += 1) {
    const ref = refs[i];
    let length = 0;
    if (typeof ref === 'string') length = ref.length;
    else if (Array.isArray(ref)) for (const item of ref as readonly string[]) length += item.length;
    if (length > RING_MAX) total += length;
  }
  return total;
}
