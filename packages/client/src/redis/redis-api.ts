/**
 * Centrifugo's Redis API (server spec §10): commands pushed with RPUSH into a Redis list that the
 * server pops. One JSON command `{"method":..,"params":..}` per list item, no sign, no reply: the
 * server logs errors and drops the item. Only publish, broadcast, unsubscribe and disconnect run;
 * the server silently ignores any other method, so this client refuses them.
 */
import type { BroadcastParams, DisconnectParams, PublishParams, UnsubscribeParams } from '@centkit/validators';
import type { Command } from '../runtime/types.js';
import type { ShardStrategy } from './shard.js';
import { encodeCommands } from '../runtime/commands/encode.js';
import { CentTransportError, CentUsageError } from '../runtime/errors.js';
import { createShardPicker } from './shard.js';

/** What the Redis API needs of a Redis client; an ioredis `Redis` instance fits. */
export interface RedisLike {
  rpush(key: string, ...values: string[]): Promise<number>;
}

export const REDIS_API_METHODS = ['publish', 'broadcast', 'unsubscribe', 'disconnect'] as const;
export type RedisApiMethod = (typeof REDIS_API_METHODS)[number];

/** Params per method (the typed view from `@centkit/validators`). */
export interface RedisApiParams {
  publish: PublishParams;
  broadcast: BroadcastParams;
  unsubscribe: UnsubscribeParams;
  disconnect: DisconnectParams;
}

export interface RedisApiOptions {
  /**
   * An ioredis client (or anything with `rpush`), which stays yours: `close()` leaves it open.
   * Or a `redis://` URL: the API then loads ioredis (an optional peer dependency), connects on
   * first use and `close()` quits that connection.
   */
  redis: RedisLike | string;
  /** Centrifugo's `redis_prefix` (default `centrifugo`): the queue is `<prefix>.api`. */
  prefix?: string;
  /**
   * Centrifugo's `redis_api_num_shards` (default 0). With N > 0 commands go to
   * `<prefix>.api.0` … `<prefix>.api.<N-1>`, picked by `shardBy`.
   */
  shards?: number;
  /** How a shard is picked (default `key`: by channel or user, which keeps their order). */
  shardBy?: ShardStrategy;
}

interface OwnedRedis extends RedisLike {
  readonly status: string;
  quit(): Promise<unknown>;
  disconnect(): void;
}

export class RedisApi {
  readonly #prefix: string;
  readonly #shards: number;
  readonly #pick: ReturnType<typeof createShardPicker>;
  readonly #given: RedisLike | undefined;
  readonly #url: string | undefined;
  #owned: Promise<OwnedRedis> | undefined;
  /** The last error the owned connection reported (it reconnects by itself meanwhile). */
  #connectionError: unknown;

  constructor(options: RedisApiOptions) {
    this.#prefix = options.prefix ?? 'centrifugo';
    this.#shards = options.shards ?? 0;
    if (!Number.isInteger(this.#shards) || this.#shards < 0) {
      throw new CentUsageError(`shards must be an integer >= 0, got ${String(options.shards)}`);
    }
    this.#pick = createShardPicker(options.shardBy ?? 'key');
    if (typeof options.redis === 'string') this.#url = options.redis;
    else this.#given = options.redis;
  }

  /** The queue `method` with `params` would be pushed to. */
  queueFor(method: string, params: unknown): string {
    if (this.#shards === 0) return `${this.#prefix}.api`;
    const shard = this.#pick(method, params, this.#shards);
    if (!Number.isInteger(shard) || shard < 0 || shard >= this.#shards) {
      throw new CentUsageError(`the shard picker returned ${String(shard)}, not an index below ${this.#shards}`);
    }
    return `${this.#prefix}.api.${shard}`;
  }

  publish(params: PublishParams): Promise<void> {
    return this.push('publish', params);
  }

  broadcast(params: BroadcastParams): Promise<void> {
    return this.push('broadcast', params);
  }

  unsubscribe(params: UnsubscribeParams): Promise<void> {
    return this.push('unsubscribe', params);
  }

  disconnect(params: DisconnectParams): Promise<void> {
    return this.push('disconnect', params);
  }

  /** Pushes one command. Resolves once Redis has it; the server runs it later, and never answers. */
  push<K extends RedisApiMethod>(method: K, params: RedisApiParams[K]): Promise<void> {
    return this.pushMany([{ method, params }]);
  }

  /**
   * Pushes several commands: one RPUSH per queue with that queue's commands in order, so the
   * order holds within each queue (and overall without shards).
   */
  async pushMany(commands: readonly { method: RedisApiMethod; params: unknown }[]): Promise<void> {
    const byQueue = new Map<string, string[]>();
    for (const command of commands) {
      if (!(REDIS_API_METHODS as readonly string[]).includes(command.method)) {
        throw new CentUsageError(
          `the Redis API runs only ${REDIS_API_METHODS.join(', ')}; Centrifugo would silently drop ${String(command.method)}`,
        );
      }
      const key = this.queueFor(command.method, command.params);
      const items = byQueue.get(key) ?? [];
      items.push(encodeCommand(command));
      byQueue.set(key, items);
    }
    const redis = await this.#client();
    await Promise.all(
      [...byQueue].map(async ([key, items]) => {
        try {
          await redis.rpush(key, ...items);
        } catch (cause) {
          // ioredis gives up with an error that has no code; the connection's own error has it.
          const code =
            hasCode(cause) || this.#connectionError === undefined ? errorCode(cause) : errorCode(this.#connectionError);
          throw new CentTransportError(
            { url: `redis queue ${key}`, methods: commands.map((c) => c.method) },
            { causeCode: code, mayHaveReachedServer: true, cause },
          );
        }
      }),
    );
  }

  /** Quits the connection the API opened from a URL; a client you passed stays open. */
  async close(): Promise<void> {
    const owned = this.#owned;
    this.#owned = undefined;
    if (owned === undefined) return;
    const redis = await owned;
    // QUIT would wait for a server that is gone; then just drop the connection.
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  }

  #client(): Promise<RedisLike> {
    if (this.#given !== undefined) return Promise.resolve(this.#given);
    this.#owned ??= connect(this.#url ?? '', (error) => {
      this.#connectionError = error;
    });
    return this.#owned;
  }
}

/** One command as one list item: `{"method":..,"params":..}`, not wrapped in an array. */
function encodeCommand(command: Command): string {
  const array = encodeCommands([command]);
  return array.slice(1, -1);
}

function hasCode(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === 'string';
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'EUNKNOWN';
}

/**
 * Opens the connection, with a listener for its 'error' events: a Redis that goes away must not
 * become an unhandled 'error' (ioredis would print it; another client would crash the process).
 */
async function connect(url: string, onError: (error: unknown) => void): Promise<OwnedRedis> {
  let Redis: typeof import('ioredis').Redis;
  try {
    ({ Redis } = await import('ioredis'));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new CentUsageError(`a Redis URL needs the optional peer dependency ioredis (npm i ioredis): ${detail}`);
  }
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  redis.on('error', onError);
  return redis;
}
