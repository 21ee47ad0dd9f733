/**
 * The recorder's queries (columns tested before any object is made, `since` as a start index)
 * against the plain reading they replace: every record an object, filtered with the predicate.
 * Random records, limits that wrap, clears, and filters of every kind; and the work a query does
 * is what it returns (counted, not timed).
 */
import { describe, expect, it } from 'vitest';
import type { CommandFilter } from '../src/state/recorder.js';
import { CommandRecorder, toPredicate } from '../src/state/recorder.js';
import { StoredCommand, type RecordInput, type RecordedCommand } from '../src/state/recorded-command.js';
import { prng } from './support/prng.js';

/** The plain recorder: every record an object, the newest `limit` kept, the predicate over all. */
class Reference {
  private records: StoredCommand[] = [];
  private seq = 0;
  constructor(private readonly limit: number) {}
  record(input: RecordInput): void {
    this.seq += 1;
    this.records.push(new StoredCommand(this.seq, input));
    if (this.records.length > this.limit) this.records.shift();
  }
  clear(): void {
    this.records = [];
  }
  list(filter?: CommandFilter): RecordedCommand[] {
    return filter === undefined ? [...this.records] : this.records.filter(toPredicate(filter));
  }
}

const CHANNELS = ['a', 'public:chat', 'x'.repeat(300), 'b', ''];
const METHODS = ['publish', 'history', 'Publish', ''];

function randomInput(rand: () => number, i: number): RecordInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const channelCount = Math.floor(rand() * 3);
  return {
    requestId: i,
    index: 0,
    transport: pick(['http', 'redis'] as const),
    uid: '',
    method: pick(METHODS),
    paramsJson: '{}',
    channels: Array.from({ length: channelCount }, () => pick(CHANNELS.slice(0, 4))),
    outcome: pick(['ok', 'error', 'rejected', 'ignored'] as const),
    error: null,
    advice: null,
    bodyJson: 'null',
    at: i,
  };
}

function randomFilter(rand: () => number, lastSeq: number): CommandFilter {
  const f: { -readonly [K in keyof CommandFilter]: CommandFilter[K] } = {};
  if (rand() < 0.4) f.method = METHODS[Math.floor(rand() * METHODS.length)] as string;
  if (rand() < 0.4) f.channel = CHANNELS[Math.floor(rand() * CHANNELS.length)] as string;
  if (rand() < 0.3) f.transport = rand() < 0.5 ? 'http' : 'redis';
  if (rand() < 0.3)
    f.outcome = (['ok', 'error', 'rejected', 'ignored'] as const)[Math.floor(rand() * 4)] as RecordedCommand['outcome'];
  if (rand() < 0.5)
    f.since = [lastSeq - Math.floor(rand() * 40), -5, 0, lastSeq + 3, 2.5, lastSeq - 0.5, Number.NaN][
      Math.floor(rand() * 7)
    ] as number;
  return f;
}

describe('recorder queries (17 §3)', () => {
  it('agree with the plain reading on 3,000 random queries over wrapping, cleared records', async () => {
    const rand = prng(0x17);
    for (const limit of [1, 7, 64]) {
      const fast = new CommandRecorder(limit);
      const ref = new Reference(limit);
      let seq = 0;
      for (let step = 0; step < 1000; step += 1) {
        const op = rand();
        if (op < 0.6) {
          const input = randomInput(rand, step);
          fast.record(input);
          ref.record(input);
          seq += 1;
        } else if (op < 0.62) {
          fast.clear();
          ref.clear();
        } else {
          const filter = randomFilter(rand, seq);
          const want = ref.list(filter).map((c) => JSON.stringify(c));
          expect(
            fast.list(filter).map((c) => JSON.stringify(c)),
            JSON.stringify(filter),
          ).toEqual(want);
          const first = want[0];
          if (first !== undefined)
            await expect(fast.waitFor(filter, { timeout: 1 }).then((c) => JSON.stringify(c))).resolves.toBe(first);
        }
      }
    }
  });
  it('a query makes objects only of what it returns, and starts at since', () => {
    const r = new CommandRecorder(100_000);
    for (let i = 0; i < 100_000; i += 1)
      r.record({ ...randomInput(() => 0.1, i), method: i % 1000 === 0 ? 'rare' : 'publish' });
    let made = 0;
    const recorder = r as unknown as { materialize(i: number): RecordedCommand };
    const materialize = recorder.materialize.bind(r);
    recorder.materialize = (i: number) => ((made += 1), materialize(i));
    expect(r.list({ since: r.lastSeq - 10 })).toHaveLength(10);
    expect(made).toBe(10);
    made = 0;
    expect(r.list({ method: 'rare' })).toHaveLength(100);
    expect(made).toBe(100);
  });
});
