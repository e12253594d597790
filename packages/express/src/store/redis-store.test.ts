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
    await expect(store.consume([{ key: 'offline', amount: 1, limit: 5, windowMs: 60_000 }])).rejects.toThrow(
      /not ready/i,
    );
    expect(Date.now() - started).toBeLessThan(200);
    client.disconnect();
    const nodeClient = createClient({ url: redisUrl });
    await expect(
      redisStore({ client: nodeClient }).consume([{ key: 'offline', amount: 1, limit: 5, windowMs: 60_000 }]),
    ).rejects.toThrow(/not ready/i);
  });

  it('loads its admission script again after the server forgot it (SCRIPT FLUSH), with either client', async () => {
    const io = new Redis(redisUrl, { lazyConnect: true });
    await io.connect();
    const node = createClient({ url: redisUrl });
    await node.connect();
    try {
      for (const [name, client] of [
        ['ioredis', io],
        ['node-redis', node],
      ] as const) {
        const store = redisStore({ client, prefix: `flush-${name}-${Date.now()}` });
        await io.script('FLUSH');
        const charge = { key: 'counter', amount: 2, limit: 3, windowMs: 60_000 };
        expect(await store.consume([charge])).toMatchObject({ admitted: true, states: [{ value: 2 }] });
        expect(await store.consume([charge])).toMatchObject({ admitted: false, states: [{ value: 2 }] });
        // The same key through rate-limiter-flexible's increments.
        expect((await store.increment('counter', -2, 60_000)).value).toBe(0);
      }
    } finally {
      io.disconnect();
      await node.quit();
    }
  });
});
