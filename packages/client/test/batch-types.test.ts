/**
 * Batch typing (issue 16 §14): a chain in one expression types entry by entry; a batch built in a
 * loop types, without annotations, as an array of entries. Checked by the typecheck of the tests
 * (`expectTypeOf`) and by running them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { BatchEntry, HistoryResult, MethodTypes, PublishResult, StatsResult } from '../src/index.js';
import { Client } from '../src/index.js';
import type {
  ErrorCode,
  KeyedBatchEntry,
  MethodTypes as V6Methods,
  HistoryResult as V6HistoryResult,
  PublishResult as V6PublishResult,
} from '../src/v6/index.js';
import { Client as V6Client } from '../src/v6/index.js';
import { FakeCentrifugo } from './support/fake-centrifugo.js';

type AnyV1Entry = BatchEntry<MethodTypes[keyof MethodTypes]['result']>;
/** Any v6 method's entry but the batch method's own (a batch holds no batch). */
type AnyV6Entry = KeyedBatchEntry<V6Methods[Exclude<keyof V6Methods, 'batch'>]['result'], ErrorCode>;

describe('batch types', () => {
  const server = FakeCentrifugo.create({ secret: 'secret' });
  let v1: Client;
  let v6: V6Client;
  beforeAll(async () => {
    await server.listen();
    v1 = new Client({ address: server.address, secret: 'secret' });
    v6 = new V6Client({ url: `http://127.0.0.1:${server.port}`, apiKey: 'k' });
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await v1.close();
    await v6.close();
    await server.close();
  });

  it('1.x, chained: a tuple with one typed entry per command', async () => {
    const entries = await v1.batch().publish({ channel: 'a', data: 1 }).history({ channel: 'a' }).stats().send();
    expectTypeOf(entries).toEqualTypeOf<
      [BatchEntry<PublishResult>, BatchEntry<HistoryResult>, BatchEntry<StatsResult>]
    >();
    expect(entries.map((e) => e.method)).toEqual(['publish', 'history', 'stats']);
  });

  it('1.x, built in a loop by reassignment, without annotations', async () => {
    let batch = v1.batch();
    for (let i = 0; i < 5; i++) batch = batch.publish({ channel: `c${i}`, data: i });
    const entries = await batch.send();
    expectTypeOf(entries).toEqualTypeOf<readonly AnyV1Entry[]>();
    expect(entries).toHaveLength(5);
    expect(JSON.parse(server.requests[0]?.data ?? '')).toHaveLength(5);
  });

  it('1.x, built in a loop by calling the methods on one batch', async () => {
    const batch = v1.batch();
    for (const channel of ['a', 'b', 'c']) batch.history({ channel });
    const entries = await batch.send();
    expectTypeOf(entries).toEqualTypeOf<readonly AnyV1Entry[]>();
    expect(entries.map((e) => (e.ok ? e.method : e.error))).toEqual(['history', 'history', 'history']);
  });

  it('v6 keyed batch, chained and in a loop', async () => {
    server.script(
      { body: { replies: [{ publish: {} }, { history: { publications: [], offset: 0, epoch: 'e' } }] } },
      { body: { replies: [{ publish: {} }, { publish: {} }, { publish: {} }] } },
    );
    const chained = await v6
      .batch()
      .publish({ channel: 'a', data: 1 })
      .history({ channel: 'h' })
      .send({ parallel: true });
    expectTypeOf(chained).toEqualTypeOf<
      [KeyedBatchEntry<V6PublishResult, ErrorCode>, KeyedBatchEntry<V6HistoryResult, ErrorCode>]
    >();
    const [, history] = chained;
    if (history.ok) expectTypeOf(history.result.publications).toBeArray();
    else expectTypeOf(history.error.code).toEqualTypeOf<ErrorCode>();

    let batch = v6.batch();
    for (let i = 0; i < 3; i++) batch = batch.publish({ channel: `c${i}`, data: i });
    const looped = await batch.send();
    expectTypeOf(looped).toEqualTypeOf<readonly AnyV6Entry[]>();
    expect(looped.map((e) => e.ok)).toEqual([true, true, true]);
  });
});
