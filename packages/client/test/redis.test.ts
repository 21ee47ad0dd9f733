import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CentTransportError, CentUsageError } from '../src/index.js';
import { fnv1a, RedisApi, routingKey } from '../src/redis/index.js';
import type { RedisLike } from '../src/redis/index.js';
import { rejectionOf } from './support/net.js';
import type { RedisServer } from './support/redis-server.js';
import { REDIS_SERVER, redisServerAvailable, startRedisServer } from './support/redis-server.js';

describe('routing', () => {
  it('fnv1a is the 32-bit FNV-1a hash', () => {
    // Reference values of FNV-1a 32: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('routes by user, else channel or channels', () => {
    expect(routingKey('publish', { channel: 'news', data: 1 })).toBe('news');
    expect(routingKey('broadcast', { channels: ['a', 'b'], data: 1 })).toBe('a\nb');
    expect(routingKey('unsubscribe', { user: '42', channel: 'news' })).toBe('42');
    expect(routingKey('disconnect', { user: '42' })).toBe('42');
  });

  it('an ioredis client fits RedisLike', () => {
    const fits = (client: Redis): RedisLike => client;
    expect(typeof fits).toBe('function');
  });
});

describe.skipIf(!redisServerAvailable)(`Redis API against a real redis-server (${REDIS_SERVER})`, () => {
  let server: RedisServer;
  let redis: Redis;
  const apis: RedisApi[] = [];
  const api = (
    options: Omit<ConstructorParameters<typeof RedisApi>[0], 'redis'> & {
      redis?: ConstructorParameters<typeof RedisApi>[0]['redis'];
    } = {},
  ): RedisApi => {
    const created = new RedisApi({ redis, ...options });
    apis.push(created);
    return created;
  };
  const queue = (key: string): Promise<string[]> => redis.lrange(key, 0, -1);

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.port, '127.0.0.1');
  });
  afterEach(async () => {
    await Promise.all(apis.splice(0).map((a) => a.close()));
    await redis.flushall();
  });
  afterAll(async () => {
    await redis.quit();
    await server.stop();
  });

  it('pushes each command as one JSON item onto centrifugo.api, in order', async () => {
    const a = api();
    await a.publish({ channel: 'public:chat', data: { text: 'hi' }, client: 'x' });
    await a.broadcast({ channels: ['a', 'b'], data: 1 });
    await a.unsubscribe({ user: '42', channel: 'news' });
    await a.disconnect({ user: '42' });
    expect(await queue('centrifugo.api')).toEqual([
      '{"method":"publish","params":{"channel":"public:chat","data":{"text":"hi"},"client":"x"}}',
      '{"method":"broadcast","params":{"channels":["a","b"],"data":1}}',
      '{"method":"unsubscribe","params":{"user":"42","channel":"news"}}',
      '{"method":"disconnect","params":{"user":"42"}}',
    ]);
    expect(await redis.keys('*')).toEqual(['centrifugo.api']);
  });

  it('pushMany: one RPUSH per queue, order kept', async () => {
    await api().pushMany([
      { method: 'publish', params: { channel: 'a', data: 1 } },
      { method: 'publish', params: { channel: 'a', data: 2 } },
      { method: 'disconnect', params: { user: 'u' } },
    ]);
    expect(await queue('centrifugo.api')).toEqual([
      '{"method":"publish","params":{"channel":"a","data":1}}',
      '{"method":"publish","params":{"channel":"a","data":2}}',
      '{"method":"disconnect","params":{"user":"u"}}',
    ]);
  });

  it('uses the prefix option (Centrifugo redis_prefix)', async () => {
    await api({ prefix: 'myapp' }).publish({ channel: 'a', data: 1 });
    expect(await redis.keys('*')).toEqual(['myapp.api']);
  });

  it('shards by channel: the same channel always goes to the same queue', async () => {
    const a = api({ shards: 4 });
    const channels = ['news', 'chat', 'sport', 'weather', 'news', 'chat'];
    for (const [i, channel] of channels.entries()) await a.publish({ channel, data: i });
    for (const channel of new Set(channels)) {
      const key = `centrifugo.api.${fnv1a(channel) % 4}`;
      expect(a.queueFor('publish', { channel })).toBe(key);
      const items = (await queue(key)).map((item) => JSON.parse(item) as { params: { channel: string; data: number } });
      const mine = items.filter((item) => item.params.channel === channel).map((item) => item.params.data);
      expect(mine).toEqual(channels.flatMap((c, i) => (c === channel ? [i] : [])));
    }
    expect(await redis.exists('centrifugo.api')).toBe(0);
    const total = (await Promise.all([0, 1, 2, 3].map((i) => redis.llen(`centrifugo.api.${i}`)))).reduce(
      (x, y) => x + y,
      0,
    );
    expect(total).toBe(6);
  });

  it('shards round robin when asked', async () => {
    const a = api({ shards: 2, shardBy: 'round-robin' });
    for (let i = 0; i < 4; i++) await a.publish({ channel: 'same', data: i });
    expect(await queue('centrifugo.api.0')).toEqual([
      '{"method":"publish","params":{"channel":"same","data":0}}',
      '{"method":"publish","params":{"channel":"same","data":2}}',
    ]);
    expect(await queue('centrifugo.api.1')).toEqual([
      '{"method":"publish","params":{"channel":"same","data":1}}',
      '{"method":"publish","params":{"channel":"same","data":3}}',
    ]);
  });

  it('takes a shard picker function and checks its answer', async () => {
    await api({ shards: 3, shardBy: () => 2 }).disconnect({ user: 'u' });
    expect(await queue('centrifugo.api.2')).toEqual(['{"method":"disconnect","params":{"user":"u"}}']);
    await expect(api({ shards: 3, shardBy: () => 3 }).disconnect({ user: 'u' })).rejects.toThrow(
      /not an index below 3/,
    );
  });

  it('refuses methods the server would silently drop, and pushes nothing', async () => {
    const a = api();
    const error = await rejectionOf(
      a.pushMany([
        { method: 'publish', params: { channel: 'a', data: 1 } },
        { method: 'history' as 'publish', params: { channel: 'a' } },
      ]),
    );
    expect(error).toBeInstanceOf(CentUsageError);
    expect((error as Error).message).toMatch(/runs only publish, broadcast, unsubscribe, disconnect.*history/);
    expect(await redis.keys('*')).toEqual([]);
  });

  it('connects from a URL with ioredis and quits that connection on close()', async () => {
    const a = new RedisApi({ redis: `redis://127.0.0.1:${server.port}` });
    await a.publish({ channel: 'a', data: 1 });
    expect(await queue('centrifugo.api')).toEqual(['{"method":"publish","params":{"channel":"a","data":1}}']);
    const before = Number(/connected_clients:(\d+)/.exec(await redis.info('clients'))?.[1]);
    await a.close();
    const after = Number(/connected_clients:(\d+)/.exec(await redis.info('clients'))?.[1]);
    expect(after).toBe(before - 1);
  });

  it('leaves a client it was given open', async () => {
    const a = api();
    await a.publish({ channel: 'a', data: 1 });
    await a.close();
    expect(redis.status).toBe('ready');
  });

  it('wraps a Redis failure in CentTransportError', async () => {
    const broken: RedisLike = {
      rpush: () =>
        Promise.reject(
          Object.assign(new Error("READONLY You can't write against a read only replica."), { code: 'READONLY' }),
        ),
    };
    const error = await rejectionOf(new RedisApi({ redis: broken }).publish({ channel: 'a', data: 1 }));
    expect(error).toBeInstanceOf(CentTransportError);
    expect(error).toMatchObject({ causeCode: 'READONLY', url: 'redis queue centrifugo.api', methods: ['publish'] });
  });

  it('a Redis that goes away: no unhandled error event, pushes reject with CentTransportError, close() returns', async () => {
    const own = await startRedisServer();
    const printed = vi.spyOn(console, 'error');
    try {
      const a = new RedisApi({ redis: `redis://127.0.0.1:${own.port}` });
      await a.publish({ channel: 'a', data: 1 });
      await own.stop();
      // The push fails once ioredis has tried to reconnect and been refused at least once.
      const error = await rejectionOf(a.publish({ channel: 'a', data: 2 }));
      expect(error).toBeInstanceOf(CentTransportError);
      expect(error).toMatchObject({ causeCode: 'ECONNREFUSED', mayHaveReachedServer: true });
      await a.close();
      expect(printed.mock.calls.flat().join(' ')).not.toMatch(/Unhandled error event/);
    } finally {
      printed.mockRestore();
      await own.stop();
    }
  });

  it('rejects a bad shards option', () => {
    expect(() => new RedisApi({ redis, shards: -1 })).toThrow(CentUsageError);
    expect(() => new RedisApi({ redis, shards: 1.5 })).toThrow(/shards/);
  });
});

if (!redisServerAvailable) {
  describe('Redis API', () => {
    it.skip(`skipped: ${REDIS_SERVER} is not installed (CI installs it; apt-get install redis-server)`, () =>
      undefined);
  });
}
