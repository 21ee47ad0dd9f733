/**
 * Faults on what websocket connections receive: delay or drop the pushes of a channel
 * (publications, join/leave, server subscribe/unsubscribe), optionally only to one client, for
 * the next `times` pushes (default: until removed). Replies to commands are never touched. A
 * delay keeps order among the pushes it holds back (each waits the same time).
 */
import { MockUsageError } from '../../errors.js';

export type PushFaultSpec =
  | {
      readonly type: 'delay';
      readonly ms: number;
      readonly channel?: string;
      readonly client?: string;
      readonly times?: number;
    }
  | { readonly type: 'drop'; readonly channel?: string; readonly client?: string; readonly times?: number };

export interface ActivePushFault {
  readonly id: number;
  readonly spec: PushFaultSpec;
  /** Pushes left to affect; undefined: until removed. */
  readonly remaining: number | undefined;
}

/** What to do with one push: deliver after `delayMs`, or drop it. */
export type PushVerdict = { readonly drop: true } | { readonly drop: false; readonly delayMs: number };

const DELIVER: PushVerdict = { drop: false, delayMs: 0 };
const MAX_FAULTS = 1000;

export class PushFaults {
  private entries: { id: number; spec: PushFaultSpec; remaining: number | undefined }[] = [];
  private nextId = 1;

  add(spec: PushFaultSpec): ActivePushFault {
    check(spec);
    if (this.entries.length >= MAX_FAULTS)
      throw new MockUsageError('too_many_faults', `at most ${MAX_FAULTS} push faults at once`);
    const entry = { id: this.nextId++, spec: { ...spec }, remaining: spec.times };
    this.entries.push(entry);
    return { ...entry };
  }

  remove(id: number): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.id !== id);
    return this.entries.length !== before;
  }

  clear(): void {
    this.entries = [];
  }

  list(): ActivePushFault[] {
    return this.entries.map((e) => ({ ...e }));
  }

  get active(): boolean {
    return this.entries.length > 0;
  }

  /** Consumes the faults matching a push of `channel` to `client`: a drop wins, delays add up. */
  take(channel: string, client: string): PushVerdict {
    if (this.entries.length === 0 || channel === '') return DELIVER;
    let delayMs = 0;
    for (const e of [...this.entries]) {
      const s = e.spec;
      if ((s.channel !== undefined && s.channel !== channel) || (s.client !== undefined && s.client !== client))
        continue;
      if (e.remaining !== undefined && --e.remaining <= 0) this.entries = this.entries.filter((x) => x !== e);
      if (s.type === 'drop') return { drop: true };
      delayMs += s.ms;
    }
    return delayMs === 0 ? DELIVER : { drop: false, delayMs };
  }
}

function check(spec: PushFaultSpec): void {
  if (typeof spec !== 'object' || spec === null)
    throw new MockUsageError('invalid_fault', 'a push fault is an object with a type');
  const { times, channel, client } = spec;
  if (times !== undefined && (!Number.isSafeInteger(times) || times < 1))
    throw new MockUsageError('invalid_fault', 'fault.times must be a positive integer');
  if (channel !== undefined && (typeof channel !== 'string' || channel === ''))
    throw new MockUsageError('invalid_fault', 'fault.channel must be a channel name');
  if (client !== undefined && typeof client !== 'string')
    throw new MockUsageError('invalid_fault', 'fault.client must be a client id');
  if (spec.type === 'delay') {
    if (typeof spec.ms !== 'number' || !(spec.ms >= 0) || spec.ms > 600_000)
      throw new MockUsageError('invalid_fault', 'fault.ms must be between 0 and 600000');
  } else if (spec.type !== 'drop') {
    throw new MockUsageError(
      'invalid_fault',
      `unknown push fault type ${JSON.stringify((spec as { type?: unknown }).type)}; use delay or drop`,
    );
  }
}
