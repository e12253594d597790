import { type Emulator, MODEL_IDS, startEmulator } from '@openrouter-adapters/emulator';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OpenRouterMiddlewareOptions } from './options/middleware-options';
import { redisStore } from './store/redis-store';
import type { Store } from './store/store';
import { findLeaks, type Harness, readText, serverKey, startHarness } from './test-utils/gateway-harness';
import { type RedisServer, startRedisServer } from './test-utils/start-redis-server';

const redisUrl = inject('redisUrl');
let emulator: Emulator;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    latency: 'none',
    requireAuth: true,
    apiKeys: [{ key: serverKey, limit: null }],
  });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await emulator.close();
  expect(findLeaks()).toEqual([]);
});

const userHeader = (request: Request): string | false =>
  (request.headers['x-user'] as string | undefined) ?? false;

async function instance(store: Store, middleware: OpenRouterMiddlewareOptions = {}): Promise<Harness> {
  const harness = await startHarness({
    emulator,
    middleware: { authorize: userHeader, store, ...middleware },
  });
  cleanups.push(() => harness.close());
  return harness;
}

async function chat(harness: Harness, user: string, stream = false): Promise<number> {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify({
      model: MODEL_IDS.gpt4oMini,
      stream,
      messages: [{ role: 'user', content: 'hello [[tokens: 5]]' }],
    }),
  });
  await readText(response);
  return response.status;
}

const clients = {
  async ioredis(url: string) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on('error', () => {});
    await client.connect();
    cleanups.push(async () => client.disconnect());
    return client;
  },
  async 'redis (node-redis)'(url: string) {
    const client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => {});
    await client.connect();
    cleanups.push(async () => client.destroy());
    return client;
  },
};

describe.each(Object.entries(clients))('two instances sharing one Redis through %s', (name, connect) => {
  const prefix = `limits-${name.replace(/\W/g, '')}-${Date.now()}`;

  it('enforces requestsPerMinute exactly across both instances under concurrent load', async () => {
    const store = redisStore({ client: await connect(redisUrl), prefix });
    const [one, two] = [
      await instance(store, { limits: { requestsPerMinute: 5 } }),
      await instance(store, { limits: { requestsPerMinute: 5 } }),
    ];
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, index) => chat(index % 2 === 0 ? one : two, 'shared-user')),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(11);
    expect(await chat(one, 'other-user')).toBe(200);
  });

  for (const metric of ['tokens', 'usd'] as const) {
    it(`holds a ${metric} budget across both instances under concurrent load (one request over per instance at most)`, async () => {
      const content = `${metric} budget [[tokens: 20]]`;
      const probe = await fetch(`${emulator.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${serverKey}` },
        body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content }] }),
      });
      const { usage } = (await probe.json()) as { usage: { total_tokens: number; cost: number } };
      const perRequest = metric === 'tokens' ? usage.total_tokens : usage.cost;
      const budget = 8 * perRequest;
      const store = redisStore({ client: await connect(redisUrl), prefix: `${prefix}-${metric}` });
      const limits = metric === 'tokens' ? { tokensPerMinute: budget } : { usdPerHour: budget };
      const pair = [await instance(store, { limits }), await instance(store, { limits })];
      const user = `${metric}-user`;
      const refusals: string[] = [];
      const worker = async (harness: Harness): Promise<void> => {
        for (;;) {
          const response = await fetch(`${harness.baseURL}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-user': user },
            body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content }] }),
            signal: AbortSignal.timeout(15_000),
          });
          const text = await readText(response);
          if (response.status === 200) continue;
          refusals.push(
            `${response.status} ${(JSON.parse(text) as { error: { metadata: { error_type: string } } }).error.metadata.error_type}`,
          );
          return;
        }
      };
      await Promise.all(Array.from({ length: 12 }, (_, index) => worker(pair[index % 2]!)));
      const events = () => pair.flatMap((harness) => harness.usage.filter((event) => event.userId === user));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const spent = events().reduce(
        (sum, event) => sum + (metric === 'tokens' ? event.charged.tokens : event.charged.usd),
        0,
      );
      expect(refusals).toEqual(
        Array(12).fill(`429 ${metric === 'tokens' ? 'token_limit_exceeded' : 'budget_exceeded'}`),
      );
      expect(spent).toBeGreaterThanOrEqual(budget - 1e-12);
      expect(spent).toBeLessThanOrEqual(budget + 2 * perRequest + 1e-12);
    });
  }

  it('shares USD budgets and concurrent-stream slots across instances', async () => {
    const store = redisStore({ client: await connect(redisUrl), prefix: `${prefix}-budget` });
    const limits = { usdPerDay: 0.000001, concurrentStreams: 1 };
    const [one, two] = [await instance(store, { limits }), await instance(store, { limits })];
    expect(await chat(one, 'budget-user')).toBe(200);
    await expect.poll(() => one.usage.length).toBe(1);
    expect(await chat(two, 'budget-user')).toBe(429);
    expect(await chat(two, 'budget-user', true)).toBe(429);
  });
});

describe('Redis going away', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
    cleanups.push(() => server.stop());
  });

  it('fails closed (503) while Redis is down, fails open if configured, and recovers when Redis returns', async () => {
    const client = await clients.ioredis(server.url);
    const store = redisStore({ client, prefix: 'outage' });
    const closed = await instance(store, { limits: { requestsPerMinute: 100 }, storeTimeoutMs: 300 });
    const open = await instance(store, {
      limits: { requestsPerMinute: 100 },
      storeTimeoutMs: 300,
      storeFailure: 'open',
    });
    expect(await chat(closed, 'outage-user')).toBe(200);

    await server.stop();
    await expect.poll(() => client.status, { timeout: 5_000 }).not.toBe('ready');
    const started = Date.now();
    expect(await chat(closed, 'outage-user')).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await chat(open, 'outage-user')).toBe(200);

    server = await startRedisServer(server.port);
    await expect.poll(() => client.status, { timeout: 10_000 }).toBe('ready');
    expect(await chat(closed, 'outage-user')).toBe(200);
  }, 30_000);
});
