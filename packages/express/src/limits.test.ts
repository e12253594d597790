import { type Emulator, MODEL_IDS, startEmulator } from '@openrouter-adapters/emulator';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenRouterMiddlewareOptions } from './options/middleware-options';
import { memoryStore } from './store/memory-store';
import type { Store } from './store/store';
import {
  captured,
  findLeaks,
  type Harness,
  readText,
  serverKey,
  startHarness,
} from './test-utils/gateway-harness';

let emulator: Emulator;
const harnesses: Harness[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    latency: 'none',
    requireAuth: true,
    apiKeys: [{ key: serverKey, limit: null }],
  });
});

afterAll(async () => {
  for (const harness of harnesses) await harness.close();
  await emulator.close();
  expect(findLeaks()).toEqual([]);
});

async function gateway(middleware: OpenRouterMiddlewareOptions): Promise<Harness> {
  const harness = await startHarness({ emulator, middleware });
  harnesses.push(harness);
  return harness;
}

const userHeader = (request: Request): string | false => {
  const user = request.headers['x-user'];
  return typeof user === 'string' && user !== '' ? user : false;
};

async function chat(harness: Harness, user: string, init: { stream?: boolean; content?: string } = {}) {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify({
      model: MODEL_IDS.gpt4oMini,
      stream: init.stream ?? false,
      messages: [{ role: 'user', content: init.content ?? 'hello [[tokens: 10]]' }],
    }),
  });
  const text = await readText(response);
  return {
    response,
    text,
    json: () =>
      JSON.parse(text) as { error: { code: number; message: string; metadata: Record<string, unknown> } },
  };
}

describe('per-user limits (memory store)', () => {
  it('rejects requests over requestsPerMinute with 429, Retry-After and X-RateLimit-* per user', async () => {
    const harness = await gateway({ authorize: userHeader, limits: { requestsPerMinute: 2 } });
    expect((await chat(harness, 'alice')).response.status).toBe(200);
    expect((await chat(harness, 'alice')).response.status).toBe(200);
    const limited = await chat(harness, 'alice');
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.response.headers.get('x-ratelimit-limit')).toBe('2');
    expect(limited.response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now());
    expect(limited.json().error).toMatchObject({
      code: 429,
      message: expect.stringMatching(
        /^Rate limit reached: 2 requests per minute for this user\. Try again in /,
      ),
      metadata: { error_type: 'rate_limit_exceeded', metric: 'requests', limit: 2, window_ms: 60_000 },
    });
    expect((await chat(harness, 'bob')).response.status).toBe(200);
  });

  it('stops a user whose USD budget is spent, with the reset time in the message', async () => {
    const harness = await gateway({ authorize: userHeader, limits: { usdPerDay: 0.000001 } });
    const first = await chat(harness, 'carol');
    expect(first.response.status).toBe(200);
    const spent = await chat(harness, 'carol');
    expect(spent.response.status).toBe(429);
    expect(spent.json().error.message).toMatch(
      /^Budget spent: \$0\.\d+ of \$0\.000001 per day\. It resets in \d+ h/,
    );
    expect(spent.json().error.metadata).toMatchObject({ error_type: 'budget_exceeded', metric: 'usd' });
  });

  it('counts tokens from the usage of each request (streamed too)', async () => {
    const harness = await gateway({ authorize: userHeader, limits: { tokensPerHour: 30 } });
    expect((await chat(harness, 'dave', { stream: true })).response.status).toBe(200);
    await expect.poll(() => harness.usage.length).toBe(1);
    const used = harness.usage[0]!.charged.tokens;
    expect(used).toBe(harness.usage[0]!.usage!.totalTokens);
    const usage = await fetch(`${harness.baseURL}/usage`, { headers: { 'x-user': 'dave' } });
    const report = (await usage.json()) as { data: { user: string; limits: Array<Record<string, unknown>> } };
    captured.push(JSON.stringify(report));
    expect(report.data).toMatchObject({
      user: 'dave',
      limits: [
        { metric: 'tokens', window_ms: 3_600_000, limit: 30, used, remaining: Math.max(0, 30 - used) },
      ],
    });
    if (used < 30) {
      expect((await chat(harness, 'dave')).response.status).toBe(200);
      await expect.poll(() => harness.usage.length).toBe(2);
    }
    const limited = await chat(harness, 'dave');
    expect(limited.response.status).toBe(429);
    expect(limited.json().error.message).toMatch(/^Token limit reached: \d+ of 30 tokens per hour used/);
  });

  it('limits concurrent streams per user and frees the slot when a stream ends', async () => {
    const harness = await gateway({
      authorize: userHeader,
      limits: { concurrentStreams: 1 },
      forwardHeaders: ['x-emulator-scenario'],
    });
    const slow = fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user': 'erin',
        'x-emulator-scenario': 'slow-tokens; interval_ms=30',
      },
      body: JSON.stringify({
        model: MODEL_IDS.gpt4oMini,
        stream: true,
        messages: [{ role: 'user', content: 'hi [[tokens: 10]]' }],
      }),
    });
    const open = await slow;
    const second = await chat(harness, 'erin', { stream: true });
    expect(second.response.status).toBe(429);
    expect(second.json().error.message).toMatch(/Too many streams at once: 1 allowed per user/);
    expect((await chat(harness, 'frank', { stream: true })).response.status).toBe(200);
    await readText(open);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await chat(harness, 'erin', { stream: true })).response.status).toBe(200);
  });

  it('takes limits as a function of the request (tiers)', async () => {
    const harness = await gateway({
      authorize: userHeader,
      limits: (_request, { userId }) =>
        userId.startsWith('pro-') ? { requestsPerMinute: 3 } : { requestsPerMinute: 1 },
    });
    expect((await chat(harness, 'free-1')).response.status).toBe(200);
    expect((await chat(harness, 'free-1')).response.status).toBe(429);
    for (let index = 0; index < 3; index++) expect((await chat(harness, 'pro-1')).response.status).toBe(200);
    expect((await chat(harness, 'pro-1')).response.status).toBe(429);
  });

  it('answers 401 when authorize rejects, before reading the body or calling upstream', async () => {
    const harness = await gateway({ authorize: userHeader });
    const before = emulator.requests.length;
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'not even json',
    });
    expect(response.status).toBe(401);
    captured.push(await response.text());
    expect(emulator.requests.length).toBe(before);
  });
});

function failingStore(failure: 'throw' | 'hang'): Store {
  const fail = (): Promise<never> =>
    failure === 'throw' ? Promise.reject(new Error('connection refused')) : new Promise<never>(() => {});
  return { increment: fail, consume: fail, get: fail, set: fail, delete: fail, close: async () => {} };
}

describe('store failures', () => {
  it('fails closed by default: 503 with a clear message, upstream never called', async () => {
    const harness = await gateway({ store: failingStore('throw'), limits: { requestsPerMinute: 10 } });
    const before = emulator.requests.length;
    const result = await chat(harness, 'x');
    expect(result.response.status).toBe(503);
    expect(result.json().error.message).toMatch(/Usage limits cannot be checked right now/);
    expect(emulator.requests.length).toBe(before);
    expect(harness.errors.map((entry) => entry.context.phase)).toContain('store');
  });

  it('does not hang on a store that never answers (storeTimeoutMs)', async () => {
    const harness = await gateway({
      store: failingStore('hang'),
      storeTimeoutMs: 100,
      limits: { requestsPerMinute: 10 },
    });
    const started = Date.now();
    const result = await chat(harness, 'x');
    expect(result.response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails open when configured: the request passes and a warning is logged', async () => {
    const harness = await gateway({
      store: failingStore('throw'),
      storeFailure: 'open',
      limits: { requestsPerMinute: 10 },
    });
    const result = await chat(harness, 'x');
    expect(result.response.status).toBe(200);
    expect(
      harness.logs.some((line) => line.level === 'warn' && /storeFailure: "open"/.test(line.message)),
    ).toBe(true);
  });

  it('does not touch the store at all when no limits are configured', async () => {
    const harness = await gateway({ store: failingStore('throw') });
    expect((await chat(harness, 'x')).response.status).toBe(200);
  });

  it('keeps counters of separate middleware instances apart with separate memory stores (documented single-instance)', async () => {
    const one = await gateway({
      authorize: userHeader,
      store: memoryStore(),
      limits: { requestsPerMinute: 1 },
    });
    const two = await gateway({
      authorize: userHeader,
      store: memoryStore(),
      limits: { requestsPerMinute: 1 },
    });
    expect((await chat(one, 'gina')).response.status).toBe(200);
    expect((await chat(two, 'gina')).response.status).toBe(200);
  });
});
