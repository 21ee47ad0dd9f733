/**
 * Consumes the Redis API queues like Centrifugo with `redis_api` on: `<prefix>.api` always,
 * plus `<prefix>.api.0` … `<prefix>.api.<N-1>` with N shards. A BLPOP loop with a short
 * timeout; `close()` disconnects, which ends a pending BLPOP at once.
 */
import type { Redis as RedisClient } from 'ioredis';
import { MockUsageError } from '../errors.js';
import type { MockNode } from '../state/node.js';
import { processQueueItem } from './queue-item.js';

export interface RedisApiOptions {
  /** e.g. `redis://127.0.0.1:6379/0` */
  readonly url: string;
  /** `redis_api_num_shards` (default: the config's, else 0). */
  readonly numShards?: number;
  /** `redis_prefix` (default: the config's, else `centrifugo`). */
  readonly prefix?: string;
  /** BLPOP timeout in seconds (default 1). */
  readonly blockSeconds?: number;
}

export interface RedisApi {
  readonly queues: readonly string[];
  close(): Promise<void>;
}

export function queueKeys(prefix: string, numShards: number): string[] {
  return [`${prefix}.api`, ...Array.from({ length: numShards }, (_, i) => `${prefix}.api.${i}`)];
}

export async function startRedisApi(node: MockNode, options: RedisApiOptions): Promise<RedisApi> {
  const shards = options.numShards ?? node.config.redisApiNumShards;
  if (!Number.isSafeInteger(shards) || shards < 0 || shards > 1024)
    throw new MockUsageError('invalid_redis', 'redis.numShards must be an integer between 0 and 1024');
  const queues = queueKeys(options.prefix ?? node.config.redisPrefix, shards);
  const block = options.blockSeconds ?? 1;
  // ioredis is loaded only when the Redis API is wanted: importing it costs ~65 ms of start time,
  // and it is an optional peer dependency, installed only by those who use the Redis API.
  let Redis: typeof import('ioredis').Redis;
  try {
    ({ Redis } = await import('ioredis'));
  } catch (cause) {
    throw new MockUsageError(
      'invalid_redis',
      `the Redis API needs the optional peer dependency ioredis (npm install ioredis): ${(cause as Error).message}`,
      { cause },
    );
  }
  const client: RedisClient = new Redis(options.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: (n) => Math.min(n * 100, 1000),
  });
  client.on('error', (err: Error) => node.logger.warn(`redis: ${err.message}`));
  try {
    await client.connect();
  } catch (cause) {
    client.disconnect();
    throw new MockUsageError(
      'redis_unreachable',
      `cannot connect to Redis at the given url (${(cause as Error).message})`,
      { cause },
    );
  }
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      let popped: [Buffer, Buffer] | null;
      try {
        popped = await client.blpopBuffer(...queues, block);
      } catch (err) {
        if (stopping) break;
        node.logger.warn(`redis BLPOP failed: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (popped !== null) processQueueItem(node, popped[0].toString('latin1'), popped[1]);
    }
  })();
  return {
    queues,
    async close() {
      stopping = true;
      client.disconnect();
      await loop;
    },
  };
}
