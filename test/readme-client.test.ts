/**
 * packages/client/README.md, run as written: the 1.x example against a 1.x mock with the secret
 * and namespace its first line names, the Redis API snippet against a real redis-server whose
 * queue a 1.x mock consumes (the one change: the Redis URL). The v6 example and the token snippet
 * run in readme-snippets.test.ts against the real Centrifugo v6.9.1; the install lines in
 * pack-install.test.ts, from the tarballs.
 */
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedisServer, type RedisServer } from '../packages/mock/test/support/redis-server.js';
import { expectEveryBlockTaken, Readme } from './support/readme-blocks.js';
import { runModule, scratchFolder } from './support/run-snippet.js';

const readme = new Readme('packages/client/README.md');
const scratch = scratchFolder();
afterAll(() => scratch.remove());
/** The namespace the 1.x examples publish into: `public`, with history. */
const config = { namespaces: [{ name: 'public', history_size: 10, history_lifetime: 60 }] };

describe('packages/client/README.md', () => {
  readme.runElsewhere('js', '// example-v6.mjs', 'test/readme-snippets.test.ts');
  readme.runElsewhere('js', "from '@centkit/client/v6/tokens'", 'test/readme-snippets.test.ts');
  readme.runElsewhere('sh', 'npm install', 'test/pack-install.test.ts');

  describe('the 1.x example, against a 1.x mock whose secret is "secret"', () => {
    const example = readme.take('js', '// example.mjs');
    let mock: MockCentrifugo;
    beforeAll(async () => {
      mock = await startMockCentrifugo({ secret: 'secret', config });
    });
    afterAll(() => mock?.close());

    it('publishes, reads the history, sends a typed batch, as its comments say', async () => {
      expect(example.code).toContain("'http://localhost:8000'");
      const run = await runModule(
        scratch.dir,
        'example.mjs',
        example.code.replace("'http://localhost:8000'", JSON.stringify(mock.url)),
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe("[ { input: 'hello' } ]\nnodes: 1\n");
      expect(mock.commands().map((c) => `${c.method}:${c.outcome}`)).toEqual([
        'publish:ok',
        'history:ok',
        'publish:ok',
        'stats:ok',
      ]);
    });
  });

  describe.skipIf(!redisAvailable())('the Redis API snippet, against a redis-server a 1.x mock consumes', () => {
    const snippet = readme.take('js', "from '@centkit/client/redis'");
    let redis: RedisServer;
    let mock: MockCentrifugo;
    beforeAll(async () => {
      redis = await startRedisServer();
      mock = await startMockCentrifugo({ secret: 'secret', config, redis: { url: redis.url } });
    });
    afterAll(async () => {
      await mock?.close();
      await redis?.kill();
    });

    it('pushes a publish, then a publish and a disconnect, which the server runs in order', async () => {
      expect(snippet.code).toContain('new Redis()');
      const run = await runModule(
        scratch.dir,
        'redis.mjs',
        snippet.code.replace('new Redis()', `new Redis(${JSON.stringify(redis.url)})`),
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      await mock.waitFor({ transport: 'redis', method: 'disconnect' }, { timeout: 5000 });
      expect(mock.commands({ transport: 'redis' }).map((c) => `${c.method}:${c.outcome}`)).toEqual([
        'publish:ok',
        'publish:ok',
        'disconnect:ok',
      ]);
      expect(mock.history('public:chat').map((m) => m.data)).toEqual([{ input: 'hi' }]);
    });
  });

  expectEveryBlockTaken(readme);
});
