/**
 * Which queue a command goes to when Centrifugo consumes several (`redis_api_num_shards = N`:
 * `<prefix>.api.0` … `<prefix>.api.<N-1>`, each by its own consumer, so in parallel).
 *
 * - `key` (default): by the command's routing key (publish: `channel`; broadcast: its `channels`;
 *   unsubscribe/disconnect: `user`), hashed with 32-bit FNV-1a. Commands about the same channel or
 *   user always land in the same queue, so they run in the order they were pushed.
 * - `round-robin`: spreads commands evenly; commands in different queues run in no set order.
 * - a function `(method, params, shards) => index` of your own.
 */

export type ShardPicker = (method: string, params: unknown, shards: number) => number;
export type ShardStrategy = 'key' | 'round-robin' | ShardPicker;

/** 32-bit FNV-1a over the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The text a command is sharded by: its user (unsubscribe, disconnect), else its channel(s). */
export function routingKey(method: string, params: unknown): string {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  if (typeof p['user'] === 'string') return p['user'];
  if (typeof p['channel'] === 'string') return p['channel'];
  if (Array.isArray(p['channels'])) return p['channels'].map(String).join('\n');
  return method;
}

/** A picker for `strategy`; round robin keeps its own counter. */
export function createShardPicker(strategy: ShardStrategy): ShardPicker {
  if (typeof strategy === 'function') return strategy;
  if (strategy === 'round-robin') {
    let next = 0;
    return (_method, _params, shards) => next++ % shards;
  }
  return (method, params, shards) => fnv1a(routingKey(method, params)) % shards;
}
