import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describe, expect, inject, it } from 'vitest';
import { redisStore } from './redis-store';
import { describeStoreConformance } from './store-conformance';

const redisUrl = inject('redisUrl');

let ioredisClient: Redis | undefined;
describeStoreConformance(
  'redisStore() with ioredis',
  async () => {
    ioredisClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await ioredisClient.connect();
    return redisStore({ client: ioredisClient, prefix: 'test-ioredis' });
  },
  async () => {
    ioredisClient?.disconnect();
  },
);

let nodeRedisClient: ReturnType<typeof createClient> | undefined;
describeStoreConformance(
  'redisStore() with redis (node-redis)',
  async () => {
    nodeRedisClient = createClient({ url: redisUrl });
    await nodeRedisClient.connect();
    return redisStore({ client: nodeRedisClient, prefix: 'test-node-redis' });
  },
  async () => {
    await nodeRedisClient?.quit();
  },
);

describe('redisStore()', () => {
  it('rejects something that is not a Redis client, naming the clients it accepts', () => {
    expect(() => redisStore({ client: {} })).toThrow(/ioredis.*redis/);
  });

  it('fails at once while the client is not connected (no offline queueing)', async () => {
    const client = new Redis(redisUrl, { lazyConnect: true });
    const store = redisStore({ client });
    const started = Date.now();
    await expect(store.increment('offline', 1, 60_000)).rejects.toThrow(/not ready/i);
    expect(Date.now() - started).toBeLessThan(200);
    client.disconnect();
  });
});
