/**
 * Every method of the generated v6 client against the real Centrifugo v6.9.1 (issue 13, Tests):
 * its success path and its error paths (the numbered codes of the catalogue, and a body the
 * server cannot decode), with `validateReplies: true`, so every real result is also checked
 * against the method's result schema. The connection methods act on a real websocket client.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  API_KEY,
  TOKEN_SECRET,
  describeWithCentrifugo,
  startCentrifugo,
  variantConfigs,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import { errorCatalogue } from '@centkit/validators/v6';
import { CentApiError, CentHttpError, type ErrorCode } from '../../src/v6/index.js';
import { createConnectionToken } from '../../src/v6/tokens/index.js';
import { rejectionOf } from '../support/net.js';
import { protocolBinding, TestClient } from './support/v6-client.js';
import { connectedSession, type Session } from './support/ws-session.js';

const unique = (prefix: string): string => `${prefix}${randomUUID().slice(0, 8)}`;
const messageOf = (code: number): string | undefined => {
  const entry = errorCatalogue.find((e) => 'code' in e && e.code === code);
  return entry !== undefined && 'message' in entry ? entry.message : undefined;
};

/** The server's shared-poll variant (every namespace of the recording config, and `sp`), plus `spoff`, a shared-poll namespace that refuses publishing. */
const config = {
  ...variantConfigs.sharedPoll,
  channel: {
    ...variantConfigs.sharedPoll.channel,
    namespaces: [
      ...variantConfigs.sharedPoll.channel.namespaces,
      { name: 'spoff', subscription_type: 'shared_poll', shared_poll: { mode: 'versioned' } },
    ],
  },
};

describeWithCentrifugo(
  'the generated v6 client, every method, against the real Centrifugo v6.9.1 (validateReplies: true)',
  () => {
    let server: RealCentrifugo;
    let client: TestClient;
    const sessions: Session[] = [];
    /** Each result the real validators checked, by method (the binding's validators, counted). */
    const checked = new Map<string, number>();
    const countingValidators = {
      module: '@centkit/validators/v6 (counted)',
      load: async () => {
        const validate = await protocolBinding.validators!.load();
        return (method: string, kind: 'params' | 'result', value: unknown) => {
          if (kind === 'result') checked.set(method, (checked.get(method) ?? 0) + 1);
          return validate(method, kind, value);
        };
      },
    };

    /** Rejects with a CentApiError carrying `code`, the catalogue's message for it, the method and HTTP 200. */
    const apiError = async (pending: Promise<unknown>, code: ErrorCode, method: string): Promise<void> => {
      const error = await rejectionOf(pending);
      expect(error).toBeInstanceOf(CentApiError);
      expect(error).toMatchObject({ code, message: messageOf(code), method, status: 200 });
      if (error instanceof CentApiError) expectTypeOf(error.code).toEqualTypeOf<ErrorCode>();
    };
    /** A body the server cannot decode into the method's params (a field of the wrong JSON type): HTTP 400 for the call. */
    const undecodable = async (method: string, params: object): Promise<void> => {
      const error = await rejectionOf(client.callRaw(method, params));
      expect(error).toBeInstanceOf(CentHttpError);
      expect(error).toMatchObject({ name: 'CentHttpError', status: 400, body: 'Bad Request\n', methods: [method] });
    };
    /** A user with one live websocket connection. */
    const connect = async (user: string): Promise<{ session: Session; client: string }> => {
      const connected = await connectedSession(
        server.wsUrl,
        await createConnectionToken({ sub: user, info: { name: user } }, { secret: TOKEN_SECRET }),
      );
      sessions.push(connected.session);
      return connected;
    };

    beforeAll(async () => {
      server = await startCentrifugo(config);
      client = new TestClient(
        { url: server.url, apiKey: API_KEY, validateReplies: true },
        { validators: countingValidators },
      );
    });
    afterEach(() => {
      for (const s of sessions.splice(0)) s.close();
    });
    afterAll(async () => {
      await client?.close();
      await server?.stop();
    });

    describe('publish, broadcast, history, history_remove', () => {
      it('publish: a position in a history namespace, {} without history; history returns it; history_remove keeps the position', async () => {
        const channel = unique('hist:');
        const first = await client.publish({ channel, data: { n: 1 }, tags: { k: 'v' } });
        expect(first).toEqual({ offset: 1, epoch: expect.stringMatching(/^[A-Za-z]{8}$/) });
        await expect(client.publish({ channel: unique('news-'), data: 1 })).resolves.toEqual({});
        await expect(client.history({ channel, limit: -1 })).resolves.toEqual({
          publications: [{ data: { n: 1 }, offset: 1, tags: { k: 'v' } }],
          offset: 1,
          epoch: first.epoch,
        });
        await expect(client.historyRemove({ channel })).resolves.toEqual({});
        await expect(client.history({ channel, limit: -1 })).resolves.toEqual({
          publications: [],
          offset: 1,
          epoch: first.epoch,
        });
      });

      it('publish errors: 107 (no channel, no data, a map namespace), 102, and 400', async () => {
        await apiError(client.publish({ channel: '', data: 1 }), 107, 'publish');
        await apiError(client.callRaw('publish', { channel: 'news' }), 107, 'publish');
        await apiError(client.publish({ channel: 'map:x', data: 1 }), 107, 'publish');
        await apiError(client.publish({ channel: 'nope:x', data: 1 }), 102, 'publish');
        await undecodable('publish', { channel: 'news', data: 1, version: '5' });
      });

      it('broadcast: one answer per channel, in order, errors inside the result; 107 without channels; 400', async () => {
        const channel = unique('hist:');
        const result = await client.broadcast({ channels: [channel, 'nope:x', 'news'], data: 'b' });
        expect(result.responses).toEqual([
          { result: { offset: 1, epoch: expect.any(String) } },
          { error: { code: 102, message: 'unknown channel' } },
          { result: {} },
        ]);
        await apiError(client.broadcast({ channels: [], data: 1 }), 107, 'broadcast');
        await undecodable('broadcast', { channels: 'news', data: 1 });
      });

      it('history errors: 108 where it is off, 112 for another epoch, 100 reverse from offset 0, 102, 107, 400', async () => {
        const channel = unique('hist:');
        await client.publish({ channel, data: 1 });
        await apiError(client.history({ channel: 'news' }), 108, 'history');
        await apiError(client.history({ channel, since: { offset: 0, epoch: 'otherepo' }, limit: -1 }), 112, 'history');
        await apiError(
          client.history({ channel, since: { offset: 0, epoch: '' }, reverse: true, limit: 1 }),
          100,
          'history',
        );
        await apiError(client.history({ channel: 'nope:x' }), 102, 'history');
        await apiError(client.history({ channel: '' }), 107, 'history');
        await undecodable('history', { channel, limit: 'all' });
        await apiError(client.historyRemove({ channel: 'news' }), 108, 'history_remove');
        await apiError(client.historyRemove({ channel: 'nope:x' }), 102, 'history_remove');
      });
    });

    describe('connections: subscribe, presence, presence_stats, channels, unsubscribe, refresh, disconnect', () => {
      it('a server-side subscribe reaches the connection, which then shows in presence, presence_stats and channels; unsubscribe ends it', async () => {
        const user = unique('user-');
        const channel = unique('pres:');
        const { session, client: id } = await connect(user);
        await expect(client.subscribe({ channel, user, data: { hello: 1 } })).resolves.toEqual({});
        expect(
          await session.find((m) => (m as { push?: { subscribe?: unknown } }).push?.subscribe !== undefined),
        ).toMatchObject({ push: { channel, subscribe: { data: { hello: 1 } } } });
        const presence = await client.presence({ channel });
        expect(presence.presence).toEqual({ [id]: { user, client: id, conn_info: { name: user } } });
        await expect(client.presenceStats({ channel })).resolves.toEqual({ num_clients: 1, num_users: 1 });
        await expect(client.channels({ pattern: channel })).resolves.toEqual({
          channels: { [channel]: { num_clients: 1 } },
        });
        await expect(client.unsubscribe({ channel, user })).resolves.toEqual({});
        expect(
          await session.find((m) => (m as { push?: { unsubscribe?: unknown } }).push?.unsubscribe !== undefined),
        ).toMatchObject({ push: { channel, unsubscribe: { code: 2000 } } });
        await expect(client.presenceStats({ channel })).resolves.toEqual({ num_clients: 0, num_users: 0 });
        await expect(client.channels({ pattern: unique('none-') })).resolves.toEqual({ channels: {} });
      });

      it('refresh with expired: true closes the connection as expired (3005); disconnect closes with the code given', async () => {
        const user = unique('user-');
        const first = await connect(user);
        await expect(client.refresh({ user, expire_at: Math.floor(Date.now() / 1000) + 3600 })).resolves.toEqual({});
        await expect(client.refresh({ user, expired: true })).resolves.toEqual({});
        expect(await first.session.closed).toMatchObject({ code: 3005 });
        const second = await connect(user);
        await expect(client.disconnect({ user, disconnect: { code: 4501, reason: 'bye' } })).resolves.toEqual({});
        expect(await second.session.closed).toEqual({ code: 4501, reason: 'bye' });
      });

      it('on a user nobody is, the connection methods succeed and change nothing', async () => {
        const user = unique('ghost-');
        await expect(client.subscribe({ channel: 'news', user })).resolves.toEqual({});
        await expect(client.unsubscribe({ channel: 'news', user })).resolves.toEqual({});
        await expect(client.refresh({ user })).resolves.toEqual({});
        await expect(client.disconnect({ user })).resolves.toEqual({});
      });

      it('their errors: 107 and 102 (subscribe, unsubscribe, presence, presence_stats), 108 where presence is off, 100 for a bad channels pattern, 400', async () => {
        await apiError(client.subscribe({ channel: '', user: 'u' }), 107, 'subscribe');
        await apiError(client.subscribe({ channel: 'nope:x', user: 'u' }), 102, 'subscribe');
        await apiError(client.subscribe({ channel: 'news', user: 'u', b64data: '!!' }), 107, 'subscribe');
        await apiError(client.unsubscribe({ channel: 'nope:x', user: 'u' }), 102, 'unsubscribe');
        await apiError(client.presence({ channel: 'news' }), 108, 'presence');
        await apiError(client.presence({ channel: '' }), 107, 'presence');
        await apiError(client.presence({ channel: 'nope:x' }), 102, 'presence');
        await apiError(client.presenceStats({ channel: 'hist:x' }), 108, 'presence_stats');
        await apiError(client.presenceStats({ channel: '' }), 107, 'presence_stats');
        await apiError(client.channels({ pattern: '[' }), 100, 'channels');
        await undecodable('subscribe', { channel: 'news', user: 5 });
        await undecodable('unsubscribe', { channel: ['news'] });
        await undecodable('disconnect', { user: 'u', disconnect: { code: 'x' } });
        await undecodable('refresh', { user: 'u', expired: 'yes' });
        await undecodable('presence', { channel: 1 });
        await undecodable('presence_stats', { channel: {} });
        await undecodable('channels', { pattern: 1 });
      });
    });

    describe('info, rpc', () => {
      it('info: this node', async () => {
        const { nodes } = await client.info();
        expect(nodes).toHaveLength(1);
        expect(nodes[0]).toMatchObject({
          version: '6.9.1 OSS',
          num_clients: expect.any(Number),
          metrics: { interval: expect.any(Number) },
        });
      });

      it('rpc: no method has a handler in OSS (104); an empty method is 107; 400', async () => {
        await apiError(client.rpc({ method: 'anything', params: { a: 1 } }), 104, 'rpc');
        await apiError(client.rpc({ method: '' }), 107, 'rpc');
        await undecodable('rpc', { method: 1 });
      });
    });

    describe('map_*', () => {
      it('publish two keys, read the state and the stream, count, remove one, clear', async () => {
        const channel = unique('map:');
        const a = await client.mapPublish({ channel, key: 'a', data: { v: 1 } });
        expect(a).toEqual({ offset: 1, epoch: expect.any(String) });
        await expect(
          client.mapPublish({ channel, key: 'b', data: { v: 2 }, tags: { t: '1' }, score: 5 }),
        ).resolves.toEqual({ offset: 2, epoch: a.epoch });
        await expect(client.mapPublish({ channel, key: 'a', data: 0, key_mode: 'if_new' })).resolves.toEqual({
          offset: 2,
          epoch: a.epoch,
          suppressed: true,
          suppress_reason: 'key_exists',
        });
        const state = await client.mapReadState({ channel, limit: -1 });
        expect(state).toMatchObject({ offset: 2, epoch: a.epoch });
        expect(state.entries?.map((e) => [e.key, e.data])).toEqual([
          ['a', { v: 1 }],
          ['b', { v: 2 }],
        ]);
        const stream = await client.mapReadStream({ channel, limit: -1 });
        expect(stream.entries?.map((e) => e.offset)).toEqual([1, 2]);
        await expect(client.mapStats({ channel })).resolves.toEqual({ num_keys: 2 });
        await expect(client.mapRemove({ channel, key: 'a' })).resolves.toEqual({ offset: 3, epoch: a.epoch });
        await expect(client.mapStats({ channel })).resolves.toEqual({ num_keys: 1 });
        await expect(client.mapClear({ channel })).resolves.toEqual({});
        await expect(client.mapStats({ channel })).resolves.toEqual({});
      });

      it('their errors: 107 (no key, a stream namespace, a bad key_mode), 102, 112 for another epoch, 400', async () => {
        const channel = unique('map:');
        await client.mapPublish({ channel, key: 'a', data: 1 });
        await apiError(client.callRaw('map_publish', { channel, data: 1 }), 107, 'map_publish');
        await apiError(client.mapPublish({ channel: 'news', key: 'a', data: 1 }), 107, 'map_publish');
        await apiError(
          client.callRaw('map_publish', { channel, key: 'a', data: 1, key_mode: 'upsert' }),
          107,
          'map_publish',
        );
        await apiError(client.mapPublish({ channel: 'nope:x', key: 'a', data: 1 }), 102, 'map_publish');
        await apiError(client.callRaw('map_remove', { channel }), 107, 'map_remove');
        await apiError(
          client.mapReadState({ channel, revision_offset: 1, revision_epoch: 'otherepo', limit: -1 }),
          112,
          'map_read_state',
        );
        await apiError(client.mapReadState({ channel: 'news', limit: -1 }), 107, 'map_read_state');
        await apiError(
          client.mapReadStream({ channel, since_offset: 1, since_epoch: 'otherepo', limit: -1 }),
          112,
          'map_read_stream',
        );
        await apiError(client.mapStats({ channel: 'news' }), 107, 'map_stats');
        await apiError(client.mapClear({ channel: '' }), 107, 'map_clear');
        await undecodable('map_publish', { channel, key: 'a', data: 1, score: 'high' });
        await undecodable('map_read_state', { channel, limit: '1' });
      });
    });

    describe('shared_poll_publish (the sharedPoll server)', () => {
      it('publishes a version of a key; 107 without key or version, on another namespace type; 108 where publishing is off; 102; 400', async () => {
        const channel = unique('sp:');
        await expect(client.sharedPollPublish({ channel, key: 'k', version: 1, data: { x: 1 } })).resolves.toEqual({});
        await apiError(
          client.callRaw('shared_poll_publish', { channel, version: 2, data: 1 }),
          107,
          'shared_poll_publish',
        );
        await apiError(
          client.callRaw('shared_poll_publish', { channel, key: 'k', data: 1 }),
          107,
          'shared_poll_publish',
        );
        await apiError(
          client.sharedPollPublish({ channel: 'news', key: 'k', version: 1, data: 1 }),
          107,
          'shared_poll_publish',
        );
        await apiError(
          client.sharedPollPublish({ channel: unique('spoff:'), key: 'k', version: 1, data: 1 }),
          108,
          'shared_poll_publish',
        );
        await apiError(
          client.sharedPollPublish({ channel: 'nope:x', key: 'k', version: 1 }),
          102,
          'shared_poll_publish',
        );
        await undecodable('shared_poll_publish', { channel, key: 'k', version: -1 });
      });
    });

    it('every result above went through the result schema: each method with a success path in OSS (all but rpc and the batch)', () => {
      const expected = Object.keys(protocolBinding.methods)
        .filter((m) => m !== 'rpc' && m !== 'batch')
        .sort();
      expect([...checked.keys()].sort()).toEqual(expected);
    });
  },
);
