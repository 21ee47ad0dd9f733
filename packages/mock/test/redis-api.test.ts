/** The Redis API queue consumer, against a real redis-server started for this file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCentrifugo, type MockCentrifugo, type MockLogger } from '../src/index.js';
import { loadOracleConfig } from './support/golden.js';
import { redisAvailable, startRedisServer, type RedisServer } from './support/redis-server.js';

const errors: string[] = [];
const logger: MockLogger = { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) };

describe.skipIf(!redisAvailable())('Redis API', () => {
  let redis: RedisServer;
  let mock: MockCentrifugo;
  beforeAll(async () => {
    redis = await startRedisServer();
    mock = await startMockCentrifugo({
      config: loadOracleConfig(),
      logger,
      strict: true,
      redis: { url: redis.url, numShards: 2 },
    });
  });
  afterAll(async () => {
    await mock?.close();
    await redis?.kill();
  });

  const push = (key: string, item: string | Buffer) => redis.client.rpush(key, item);

  it('keeps the bytes of a queued publish that are not UTF-8, as over HTTP (16 §7)', async () => {
    const since = mock.lastSeq;
    await push(
      'centrifugo.api',
      Buffer.from(
        '{"method":"publish","params":{"channel":"public:raw\xe2\x82","data":"a\xffb","uid":"r1"}}',
        'latin1',
      ),
    );
    await mock.waitFor({ transport: 'redis', since }, { timeout: 3000 });
    const data = '{"method":"history","params":{"channel":"public:raw\ufffd\ufffd"}}';
    const res = await fetch(mock.apiUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) },
      body: data,
    });
    const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(body).toContain('"data":"a\xffb"');
    expect(body).toContain('"channel":"public:raw\xef\xbf\xbd\xef\xbf\xbd"');
  });

  it('runs a queued publish (FIFO with RPUSH) and records it with its transport', async () => {
    const since = mock.lastSeq;
    await push('centrifugo.api', '{"method":"publish","params":{"channel":"public:q","data":{"n":1},"client":"rc"}}');
    await push(
      'centrifugo.api',
      '{"uid":"ignored","method":"publish","params":{"channel":"public:q","data":{"n":2},"uid":"m2"}}',
    );
    await mock.waitFor((c) => c.transport === 'redis' && c.uid === 'ignored', { since, timeout: 3000 });
    expect(mock.history('public:q')).toMatchObject([
      { uid: 'm2', data: { n: 2 } },
      { data: { n: 1 }, client: 'rc' },
    ]);
    expect(mock.commands({ transport: 'redis', since }).map((c) => c.outcome)).toEqual(['ok', 'ok']);
  });

  it('accepts the legacy {"data":[...]} wrapper and broadcast; ignores read methods', async () => {
    const since = mock.lastSeq;
    await push(
      'centrifugo.api',
      '{"data":[{"method":"publish","params":{"channel":"public:w","data":1}},{"method":"history","params":{"channel":"public:w"}}]}',
    );
    await push(
      'centrifugo.api',
      '{"method":"broadcast","params":{"channels":["public:w","public:w2"],"data":{"bc":1}}}',
    );
    await mock.waitFor({ method: 'broadcast', since }, { timeout: 3000 });
    expect(mock.commands({ since }).map((c) => [c.method, c.outcome])).toEqual([
      ['publish', 'ok'],
      ['history', 'ignored'],
      ['broadcast', 'ok'],
    ]);
    expect(mock.history('public:w')).toHaveLength(2);
    expect(mock.history('public:w2')).toHaveLength(1);
  });

  it('drops arrays, garbage, sign wrappers and bad commands with a log line (and a strict violation)', async () => {
    mock.clearViolations();
    errors.length = 0;
    await push('centrifugo.api', '[{"method":"publish","params":{"channel":"public:z","data":1}}]');
    await push('centrifugo.api', 'not json');
    await push('centrifugo.api', '{"data":"{\\"method\\":\\"publish\\"}","sign":"x"}');
    await push('centrifugo.api', '{"method":"publish","params":{"channel":"unknown:x","data":1}}');
    const since = mock.lastSeq;
    await push('centrifugo.api', '{"method":"publish","params":{"channel":"public:z2","data":1}}');
    await mock.waitFor({ channel: 'public:z2', since }, { timeout: 3000 });
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/Error processing Redis API data.*cannot unmarshal array/);
    expect(mock.history('public:z')).toEqual([]);
    expect(mock.violations.map((v) => [v.transport, v.status, v.kind])).toEqual([
      ['redis', 0, 'data'],
      ['redis', 0, 'data'],
      ['redis', 0, 'command'],
      ['redis', 0, 'params'],
    ]);
    mock.clearViolations();
  });

  it('consumes .api.0 and .api.1 with two shards and leaves .api.2 alone', async () => {
    const since = mock.lastSeq;
    await push('centrifugo.api.0', '{"method":"publish","params":{"channel":"public:s","data":0}}');
    await push('centrifugo.api.1', '{"method":"publish","params":{"channel":"public:s","data":1}}');
    await push('centrifugo.api.2', '{"method":"publish","params":{"channel":"public:s","data":2}}');
    await mock.waitFor(
      (c) => c.seq > since && c.transport === 'redis' && mock.commands({ since, channel: 'public:s' }).length === 2,
      { timeout: 3000 },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(
      mock
        .history('public:s')
        .map((m) => m.data)
        .sort(),
    ).toEqual([0, 1]);
    expect(await redis.client.llen('centrifugo.api.2')).toBe(1);
  });

  it('closes promptly even while BLPOP is blocking', async () => {
    const m = await startMockCentrifugo({ secret: 's', redis: { url: redis.url, blockSeconds: 5 } });
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    await m.close();
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
