import { createRequire } from 'node:module';
import type { RateLimiterRedis as RateLimiterRedisClass } from 'rate-limiter-flexible';
import { createRateLimiterStore, unlimitedPoints } from './rate-limiter-store';
import { createRedisConsume } from './redis-consume';
import type { Store } from './store';

const requireModule = createRequire(import.meta.url);

/**
 * A connected Redis client: `ioredis` (`new Redis()`, also `Cluster`) or `redis`
 * (`createClient()` after `await client.connect()`, also cluster clients).
 */
export type RedisClientLike = object;

export type RedisStoreOptions = {
  /** The application's client; the store never connects or quits it. */
  client: RedisClientLike;
  /** Prefix of every key (default `openrouter`). */
  prefix?: string;
};

/** ioredis defines custom commands; node-redis (v4 and later) does not. */
function isIoredis(client: RedisClientLike): boolean {
  return typeof (client as { defineCommand?: unknown }).defineCommand === 'function';
}

function isNodeRedis(client: RedisClientLike): boolean {
  const candidate = client as { sendCommand?: unknown; isOpen?: unknown; multi?: unknown };
  return typeof candidate.sendCommand === 'function' && typeof candidate.multi === 'function';
}

/**
 * Counts limits in Redis, so limits hold across every instance that shares the Redis:
 * increments through rate-limiter-flexible (atomic Lua), and admission (`consume`: check and
 * reserve several counters at once) through one small Lua script of this package on the same
 * keys. Commands fail at once while the client is not connected (no offline queueing), and the
 * middleware fails closed (503) or open as configured.
 */
export function redisStore(options: RedisStoreOptions): Store {
  const { client } = options;
  const ioredis = typeof client === 'object' && client !== null && isIoredis(client);
  if (!ioredis && !(typeof client === 'object' && client !== null && isNodeRedis(client))) {
    throw new TypeError(
      'redisStore({ client }) needs a connected `ioredis` client (new Redis()) or `redis` client (createClient() + connect())',
    );
  }
  const RateLimiterRedis = requireModule(
    'rate-limiter-flexible/lib/RateLimiterRedis.js',
  ) as typeof RateLimiterRedisClass;
  const limiter = new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: !ioredis,
    rejectIfRedisNotReady: true,
    keyPrefix: options.prefix ?? 'openrouter',
    points: unlimitedPoints,
    duration: 60,
  });
  return createRateLimiterStore(
    limiter,
    createRedisConsume(client, ioredis, (name) => limiter.getKey(name)),
  );
}
