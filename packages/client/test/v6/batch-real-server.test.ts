/**
 * The generated v6 `Batch` (issue 13 §8) against the real Centrifugo v6.9.1: one request of the
 * protocol's `batch` method, one typed entry per command in order, mixed outcomes, sequential and
 * parallel, built in a chain or in a loop; `validateReplies: true` checks every successful entry.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, expectTypeOf, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  startCentrifugo,
  variantConfigs,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import {
  CentApiError,
  Client,
  type BatchEntry,
  type ErrorCode,
  type HistoryResult,
  type PresenceStatsResult,
  type PublishResult,
} from '../../src/v6/index.js';

const unique = (prefix: string): string => `${prefix}${randomUUID().slice(0, 8)}`;

describeWithCentrifugo('the generated v6 Batch against the real Centrifugo v6.9.1', () => {
  let server: RealCentrifugo;
  let client: Client;
  beforeAll(async () => {
    server = await startCentrifugo(variantConfigs.sharedPoll);
    client = new Client({ url: server.url, apiKey: API_KEY, validateReplies: true });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it.each([false, true])(
    'mixed outcomes, parallel: %s — each entry typed, failures are CentApiErrors, none hides another',
    async (parallel) => {
      const channel = unique('both:');
      const entries = await client
        .batch()
        .publish({ channel, data: { parallel } })
        .publish({ channel: 'nope:x', data: 1 })
        .presenceStats({ channel })
        .presence({ channel: 'hist:x' })
        .history({ channel, limit: -1 })
        .rpc({ method: 'nobody' })
        .mapStats({ channel: 'news' })
        .send({ parallel });
      expectTypeOf(entries).toMatchTypeOf<
        readonly [BatchEntry<PublishResult>, BatchEntry<PublishResult>, BatchEntry<PresenceStatsResult>, ...unknown[]]
      >();
      const [published, unknown, stats, notAvailable, history, rpc, badRequest] = entries;
      expect(published).toEqual({ ok: true, method: 'publish', result: { offset: 1, epoch: expect.any(String) } });
      expect(stats).toEqual({ ok: true, method: 'presence_stats', result: { num_clients: 0, num_users: 0 } });
      if (!parallel)
        expect(history).toMatchObject({
          ok: true,
          result: { publications: [{ data: { parallel }, offset: 1 }], offset: 1 },
        });
      else expect(history).toMatchObject({ ok: true, method: 'history' });
      const failures = [unknown, notAvailable, rpc, badRequest].map((e) => (e.ok ? undefined : e.error));
      for (const error of failures) expect(error).toBeInstanceOf(CentApiError);
      expect(failures.map((e) => [e?.method, e?.code, e?.status])).toEqual([
        ['publish', 102, 200],
        ['presence', 108, 200],
        ['rpc', 104, 200],
        ['map_stats', 107, 200],
      ]);
      if (!unknown.ok) expectTypeOf(unknown.error.code).toEqualTypeOf<ErrorCode>();
    },
  );

  it('one command of every method in one request, in order, each result schema-checked', async () => {
    const channel = unique('both:');
    const map = unique('map:');
    const entries = await client
      .batch()
      .publish({ channel, data: 1 })
      .broadcast({ channels: [channel], data: 2 })
      .subscribe({ channel, user: unique('ghost-') })
      .unsubscribe({ channel, user: unique('ghost-') })
      .disconnect({ user: unique('ghost-') })
      .refresh({ user: unique('ghost-') })
      .presence({ channel })
      .presenceStats({ channel })
      .history({ channel, limit: -1 })
      .historyRemove({ channel })
      .channels({ pattern: channel })
      .info()
      .mapPublish({ channel: map, key: 'k', data: 1 })
      .mapReadState({ channel: map, limit: -1 })
      .mapReadStream({ channel: map, limit: -1 })
      .mapStats({ channel: map })
      .mapRemove({ channel: map, key: 'k' })
      .mapClear({ channel: map })
      .sharedPollPublish({ channel: unique('sp:'), key: 'k', version: 1, data: 1 })
      .send();
    expect(entries.map((e) => [e.method, e.ok])).toEqual(
      [
        'publish',
        'broadcast',
        'subscribe',
        'unsubscribe',
        'disconnect',
        'refresh',
        'presence',
        'presence_stats',
        'history',
        'history_remove',
        'channels',
        'info',
        'map_publish',
        'map_read_state',
        'map_read_stream',
        'map_stats',
        'map_remove',
        'map_clear',
        'shared_poll_publish',
      ].map((m) => [m, true]),
    );
    const history = entries[8];
    expectTypeOf(history).toEqualTypeOf<BatchEntry<HistoryResult>>();
    expect(history.ok ? history.result.publications.map((p) => p.data) : undefined).toEqual([1, 2]);
  });

  it.each([false, true])(
    '100 publishes built in a loop, parallel: %s — one request, every one in history once',
    async (parallel) => {
      const channel = unique('both:');
      let batch = client.batch();
      for (let i = 0; i < 100; i++) batch = batch.publish({ channel, data: i });
      const entries = await batch.send({ parallel });
      expectTypeOf(entries).toMatchTypeOf<readonly BatchEntry<unknown>[]>();
      expect(entries.every((e) => e.ok)).toBe(true);
      const offsets = entries.map((e) => (e.ok ? (e.result as PublishResult).offset : 0));
      if (parallel)
        expect([...offsets].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      else expect(offsets).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      // both: keeps 10; its top offset says all 100 went in.
      await expect(client.history({ channel })).resolves.toMatchObject({ offset: 100, publications: [] });
    },
  );
});
