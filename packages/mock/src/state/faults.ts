/**
 * Injected faults: extra latency, a forced HTTP status, a dropped connection (socket destroyed
 * without an answer), or a forced soft error in a command's reply. Each applies to the next
 * `times` matches (default: until removed). `method`/`channel` narrow a fault to requests
 * (or, for soft errors, commands) that name them.
 */
import { MockUsageError } from '../errors.js';

interface FaultScope {
  readonly times?: number;
  readonly method?: string;
  readonly channel?: string;
}

export type FaultSpec =
  | (FaultScope & { readonly type: 'latency'; readonly ms: number })
  | (FaultScope & { readonly type: 'status'; readonly status: number; readonly body?: string })
  | (FaultScope & { readonly type: 'drop' })
  | (FaultScope & { readonly type: 'soft-error'; readonly error?: string; readonly advice?: string });

export interface ActiveFault {
  readonly id: number;
  readonly spec: FaultSpec;
  /** Matches left; undefined means until removed. */
  readonly remaining: number | undefined;
}

/** What a request's commands name, for matching request-level faults. */
export interface CommandTarget {
  readonly method: string;
  readonly channels: readonly string[];
}

export interface RequestFaults {
  readonly latencyMs: number;
  readonly status?: { readonly status: number; readonly body: string | undefined };
  readonly drop: boolean;
}

interface Entry {
  readonly id: number;
  readonly spec: FaultSpec;
  remaining: number | undefined;
}

export class FaultRegistry {
  private entries: Entry[] = [];
  private nextId = 1;

  /** `methods`: the API's method names (the protocol's table), which a fault's `method` must be one of. */
  constructor(private readonly methods: readonly string[]) {}

  add(spec: FaultSpec): ActiveFault {
    checkSpec(spec, this.methods);
    const entry: Entry = { id: this.nextId++, spec, remaining: spec.times };
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

  list(): ActiveFault[] {
    return this.entries.map((e) => ({ ...e }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Consumes the request-level faults that match a request naming `targets`. */
  takeRequestFaults(targets: readonly CommandTarget[]): RequestFaults | undefined {
    if (this.entries.length === 0) return undefined;
    let latencyMs = 0;
    let status: RequestFaults['status'];
    let drop = false;
    for (const e of [...this.entries]) {
      const spec = e.spec;
      if (spec.type === 'soft-error' || !matchesRequest(spec, targets)) continue;
      if (spec.type === 'latency') latencyMs += spec.ms;
      else if (spec.type === 'status') {
        if (status !== undefined || drop) continue;
        status = { status: spec.status, body: spec.body };
      } else {
        if (status !== undefined || drop) continue;
        drop = true;
      }
      this.consume(e);
    }
    return latencyMs === 0 && status === undefined && !drop
      ? undefined
      : { latencyMs, drop, ...(status ? { status } : {}) };
  }

  /** Consumes a soft-error fault for one command touching `channel` ('' when it has none). */
  takeSoftError(method: string, channel: string): { error: string; advice: string | null } | undefined {
    if (this.entries.length === 0) return undefined;
    for (const e of this.entries) {
      const spec = e.spec;
      if (spec.type !== 'soft-error') continue;
      if (spec.method !== undefined && spec.method !== method) continue;
      if (spec.channel !== undefined && spec.channel !== channel) continue;
      this.consume(e);
      return { error: spec.error ?? 'internal server error', advice: spec.advice ?? null };
    }
    return undefined;
  }

  private consume(e: Entry): void {
    if (e.remaining === undefined) return;
    e.remaining -= 1;
    if (e.remaining <= 0) this.entries = this.entries.filter((x) => x !== e);
  }
}

function matchesRequest(spec: FaultScope, targets: readonly CommandTarget[]): boolean {
  if (spec.method === undefined && spec.channel === undefined) return true;
  return targets.some(
    (t) =>
      (spec.method === undefined || t.method === spec.method) &&
      (spec.channel === undefined || t.channels.includes(spec.channel)),
  );
}

/** The keys each fault type takes, besides type, times, method and channel. */
const TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  latency: ['ms'],
  status: ['status', 'body'],
  drop: [],
  'soft-error': ['error', 'advice'],
};

function checkSpec(spec: FaultSpec, methods: readonly string[]): void {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new MockUsageError('invalid_fault', 'a fault is an object with a type');
  const typeKeys = TYPE_KEYS[(spec as { type?: unknown }).type as string];
  if (typeKeys !== undefined) {
    for (const key of Object.keys(spec)) {
      if (!['type', 'times', 'method', 'channel', ...typeKeys].includes(key)) {
        throw new MockUsageError(
          'invalid_fault',
          `unknown key ${JSON.stringify(key)} in a ${spec.type} fault (it takes type, times, method, channel${typeKeys.map((k) => `, ${k}`).join('')})`,
        );
      }
    }
  }
  const { times, method, channel } = spec;
  if (times !== undefined && (!Number.isSafeInteger(times) || times < 1))
    throw new MockUsageError('invalid_fault', 'fault.times must be a positive integer');
  if (method !== undefined && (typeof method !== 'string' || !methods.includes(method))) {
    throw new MockUsageError(
      'invalid_fault',
      `fault.method ${JSON.stringify(method)} is not a method of the API (${methods.join(', ')})`,
    );
  }
  if (channel !== undefined && typeof channel !== 'string')
    throw new MockUsageError('invalid_fault', 'fault.channel must be a string');
  switch (spec.type) {
    case 'latency':
      if (typeof spec.ms !== 'number' || !(spec.ms >= 0) || spec.ms > 600_000)
        throw new MockUsageError('invalid_fault', 'fault.ms must be between 0 and 600000');
      return;
    case 'status':
      // 1xx is not a final answer: a client would wait for the real one.
      if (!Number.isSafeInteger(spec.status) || spec.status < 200 || spec.status > 599)
        throw new MockUsageError('invalid_fault', 'fault.status must be a final HTTP status (200-599)');
      if (spec.body !== undefined && typeof spec.body !== 'string')
        throw new MockUsageError('invalid_fault', 'fault.body must be a string');
      return;
    case 'drop':
      return;
    case 'soft-error':
      if (spec.error !== undefined && (typeof spec.error !== 'string' || spec.error === ''))
        throw new MockUsageError('invalid_fault', 'fault.error must be a non-empty string');
      if (spec.advice !== undefined && typeof spec.advice !== 'string')
        throw new MockUsageError('invalid_fault', 'fault.advice must be a string');
      return;
    default:
      throw new MockUsageError(
        'invalid_fault',
        `unknown fault type ${JSON.stringify((spec as { type?: unknown }).type)}; use latency, status, drop or soft-error`,
      );
  }
}
