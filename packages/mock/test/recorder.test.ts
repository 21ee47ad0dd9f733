import { describe, expect, it } from 'vitest';
import type { RecordInput, StoredCommand } from '../src/state/recorded-command.js';
import { CommandRecorder } from '../src/state/recorder.js';

const input = (i: number, over: Partial<RecordInput> = {}): RecordInput => ({
  requestId: 100 + i,
  index: i % 3,
  transport: i % 2 === 0 ? 'http' : 'redis',
  uid: i % 4 === 0 ? '' : `u${i}`,
  method: 'publish',
  paramsJson: `{"channel":"c${i}","data":${i}}`,
  channels: i % 3 === 0 ? [] : i % 3 === 1 ? [`c${i}`] : [`a${i}`, `b${i}`],
  outcome: (['ok', 'error', 'rejected', 'ignored'] as const)[i % 4] as RecordInput['outcome'],
  error: i % 4 === 1 ? 'internal server error' : null,
  advice: i % 5 === 0 ? 'fix' : null,
  bodyJson: i % 4 === 2 ? undefined : 'null',
  at: 1_767_225_600_000 + i * 1000.5,
  ...over,
});

const expected = (seq: number, i: number) => {
  const x = input(i);
  return {
    seq,
    requestId: x.requestId,
    index: x.index,
    transport: x.transport,
    uid: x.uid,
    method: x.method,
    params: JSON.parse(x.paramsJson as string),
    paramsJson: x.paramsJson,
    channels: [...x.channels],
    outcome: x.outcome,
    error: x.error,
    advice: x.advice,
    body: x.bodyJson === undefined ? undefined : null,
    at: x.at,
  };
};

describe('CommandRecorder (columns in a ring)', () => {
  it('keeps the newest `limit` records with consecutive seq, every field as recorded', () => {
    const r = new CommandRecorder(5);
    for (let i = 1; i <= 13; i += 1) r.record(input(i));
    expect(r.lastSeq).toBe(13);
    expect(r.dropped).toBe(8);
    expect(r.list().map((c) => JSON.parse(JSON.stringify(c)))).toEqual(
      [9, 10, 11, 12, 13].map((i) => JSON.parse(JSON.stringify(expected(i, i)))),
    );
  });
  it('clear keeps counting seq, and refills from empty', () => {
    const r = new CommandRecorder(3);
    for (let i = 1; i <= 4; i += 1) r.record(input(i));
    r.clear();
    expect(r.list()).toEqual([]);
    r.record(input(5));
    r.record(input(6));
    expect(r.list().map((c) => [c.seq, c.requestId])).toEqual([
      [5, 105],
      [6, 106],
    ]);
  });
  it('filters, hands out copies of channel lists, and waitFor sees old and new records', async () => {
    const r = new CommandRecorder(10);
    for (let i = 1; i <= 6; i += 1) r.record(input(i));
    expect(r.list({ channel: 'b5' }).map((c) => c.seq)).toEqual([5]);
    expect(r.list({ transport: 'redis', outcome: 'error' }).map((c) => c.seq)).toEqual([1, 5]);
    (r.list()[4]?.channels as string[]).push('mutated');
    expect(r.list()[4]?.channels).toEqual(['a5', 'b5']);
    await expect(r.waitFor({ channel: 'c4' })).resolves.toMatchObject({ seq: 4 });
    const later = r.waitFor({ channel: 'c7' }, { timeout: 1000 });
    r.record(input(7));
    await expect(later).resolves.toMatchObject({ seq: 7, channels: ['c7'] });
  });
  it('limit 0 keeps nothing but still wakes waiters', async () => {
    const r = new CommandRecorder(0);
    const w = r.waitFor({ method: 'publish' }, { timeout: 1000 });
    r.record(input(1));
    await expect(w).resolves.toMatchObject({ seq: 1 });
    expect(r.list()).toEqual([]);
  });
});

describe('recorded commands as JSON text', () => {
  it('toJsonText says what JSON.stringify says, with params and body as received', () => {
    const r = new CommandRecorder(50);
    for (let i = 1; i <= 40; i += 1) r.record(input(i, i % 7 === 0 ? { paramsJson: undefined } : {}));
    for (const c of r.list())
      expect(JSON.parse((c as StoredCommand).toJsonText())).toEqual(JSON.parse(JSON.stringify(c)));
  });
});

describe('recorded strings (text ring)', () => {
  it('keeps short and long, unicode and lone-surrogate strings exactly, across ring growth and wrap-around', () => {
    const r = new CommandRecorder(7);
    const pick = (i: number) => {
      const base = ['', 'a', 'é€😀', '\ud800x', 'x'.repeat(255), 'y'.repeat(256), 'z'.repeat(257), 'w'.repeat(5000)][
        i % 8
      ] as string;
      return `${base}${i}`;
    };
    const made: RecordInput[] = [];
    for (let i = 0; i < 500; i += 1) {
      const one = input(i, {
        uid: i % 3 === 0 ? '' : pick(i + 1),
        paramsJson: i % 5 === 0 ? undefined : JSON.stringify({ channel: pick(i) }),
        channels: i % 4 === 0 ? [] : i % 4 === 3 ? [pick(i), 'b'] : [pick(i + 2)],
      });
      made.push(one);
      r.record(one);
      const kept = r.list();
      const newest = kept[kept.length - 1];
      expect(newest?.uid).toBe(one.uid);
      expect(newest?.paramsJson).toBe(one.paramsJson);
      expect(newest?.channels).toEqual(one.channels);
    }
    const kept = r.list();
    expect(kept.map((c) => [c.uid, c.paramsJson, c.channels])).toEqual(
      made.slice(-7).map((m) => [m.uid, m.paramsJson, [...m.channels]]),
    );
    r.clear();
    r.record(made[1] as RecordInput);
    expect(r.list().map((c) => c.paramsJson)).toEqual([made[1]?.paramsJson]);
  });
});

describe('recorded long text, bounded in total', () => {
  const big = (i: number, size: number): RecordInput =>
    input(i, { paramsJson: `{"channel":"c${i}","data":"${String(i % 10).repeat(size)}"}`, bodyJson: 'null' });

  it('drops the oldest records once their long texts pass the limit, and counts them as dropped', () => {
    const r = new CommandRecorder(10_000, 1000);
    for (let i = 0; i < 10; i++) r.record(big(i, 300));
    // Each record holds ~317 characters of params: three fit in 1000.
    expect(r.list().map((c) => c.seq)).toEqual([8, 9, 10]);
    expect(r.dropped).toBe(7);
    expect(r.list().map((c) => c.paramsJson)).toEqual([7, 8, 9].map((i) => big(i, 300).paramsJson));
    // Short ones (kept in the text ring) cost nothing against it.
    for (let i = 10; i < 110; i++) r.record(input(i));
    expect(r.list()).toHaveLength(103);
  });

  it('keeps the newest record even when it alone is over the limit, and wakes its waiter', async () => {
    const r = new CommandRecorder(10_000, 1000);
    r.record(big(0, 300));
    const waited = r.waitFor({ channel: 'c1' });
    r.record(big(1, 5000));
    expect(r.list().map((c) => c.seq)).toEqual([2]);
    expect((await waited).paramsJson).toBe(big(1, 5000).paramsJson);
    r.clear();
    for (let i = 0; i < 3; i++) r.record(big(i, 300));
    expect(r.list()).toHaveLength(3);
  });

  it('holds no more than the limit over many large records (a heap bound, not just a count)', () => {
    const r = new CommandRecorder(10_000, 4 * 1024 * 1024);
    for (let i = 0; i < 200; i++) r.record(big(i, 1024 * 1024));
    const kept = r.list();
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(kept.reduce((n, c) => n + (c.paramsJson?.length ?? 0), 0)).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(kept.at(-1)?.seq).toBe(200);
  });
});
