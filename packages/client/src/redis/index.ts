// @centkit/client/redis: Centrifugo's Redis API queue (needs the optional peer dependency ioredis
// only when you pass a URL instead of your own client).

export { RedisApi, REDIS_API_METHODS } from './redis-api.js';
export type { RedisApiMethod, RedisApiOptions, RedisApiParams, RedisLike } from './redis-api.js';
export { createShardPicker, fnv1a, routingKey } from './shard.js';
export type { ShardPicker, ShardStrategy } from './shard.js';
