import type { Emulator } from '@openrouter-adapters/emulator';
import {
  type Limits,
  type OpenRouterMiddlewareOptions,
  redisStore,
  type UsageEvent,
} from '@openrouter-adapters/express';
import { Redis } from 'ioredis';
import type { Capture } from '../harness/capture';
import { type GatewayStack, startGatewayStack } from '../harness/start-gateway-stack';
import { markerHeader } from '../paths/chat-path';

/** Two middleware instances (separate apps, ports and Redis clients) sharing one Redis and one emulator. */
export type InstancePair = {
  instances: [GatewayStack, GatewayStack];
  clients: [Redis, Redis];
  /** Every `onUsage` event of both instances. */
  usage: UsageEvent[];
  close(): Promise<void>;
};

export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    // Reconnect quickly after an outage; fail commands instead of queueing them while disconnected.
    retryStrategy: () => 100,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
  });
}

/** Resolves once the client is connected (commands fail at once before that: no offline queue). */
export function waitUntilReady(client: Redis, timeoutMs = 5_000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Redis not ready within ${timeoutMs} ms (${client.status})`)),
      timeoutMs,
    );
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startInstancePair(options: {
  capture: Capture;
  serverKey: string;
  emulator: Emulator;
  redisUrl: string;
  /** Distinct per test so counters never mix. */
  prefix: string;
  limits: Limits;
  middleware?: Partial<OpenRouterMiddlewareOptions>;
}): Promise<InstancePair> {
  const clients: [Redis, Redis] = [createRedisClient(options.redisUrl), createRedisClient(options.redisUrl)];
  await Promise.all(clients.map((client) => waitUntilReady(client)));
  const usage: UsageEvent[] = [];
  const start = (client: Redis): Promise<GatewayStack> =>
    startGatewayStack({
      capture: options.capture,
      serverKey: options.serverKey,
      emulator: options.emulator,
      keepUsage: false,
      onUsage: (event) => usage.push(event),
      middleware: {
        authorize: (request) =>
          typeof request.headers['x-user'] === 'string' ? request.headers['x-user'] : false,
        store: redisStore({ client, prefix: options.prefix }),
        limits: options.limits,
        forwardHeaders: ['x-emulator-scenario', markerHeader],
        storeTimeoutMs: 500,
        ...options.middleware,
      },
    });
  const instances: [GatewayStack, GatewayStack] = [await start(clients[0]), await start(clients[1])];
  return {
    instances,
    clients,
    usage,
    async close() {
      await Promise.all(instances.map((instance) => instance.close()));
      for (const client of clients) client.disconnect();
    },
  };
}

export type CallResult = {
  status: number;
  errorType: string | undefined;
  body: string;
  headers: Record<string, string>;
};

/** One chat request for `user` through `instance`, read to the end (streams included). */
export async function callInstance(
  instance: GatewayStack,
  user: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const response = await fetch(`${instance.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let errorType: string | undefined;
  if (response.status >= 400) {
    try {
      errorType = (JSON.parse(text) as { error?: { metadata?: { error_type?: string } } }).error?.metadata
        ?.error_type;
    } catch {
      errorType = undefined;
    }
  }
  return {
    status: response.status,
    errorType,
    body: text,
    headers: Object.fromEntries(response.headers.entries()),
  };
}

/** Runs `count` calls with at most `concurrency` in flight, alternating between the two instances. */
export async function loadBothInstances(
  pair: InstancePair,
  count: number,
  concurrency: number,
  call: (instance: GatewayStack, index: number) => Promise<CallResult>,
): Promise<CallResult[]> {
  const results: CallResult[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      results[index] = await call(pair.instances[index % 2] as GatewayStack, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return results;
}
