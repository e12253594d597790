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

describe('token and USD budgets under concurrency (memory store)', () => {
  const marker = 'x-test-marker';

  async function send(
    harness: Harness,
    user: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': user, ...headers },
      body: JSON.stringify(body),
      signal: signal ?? AbortSignal.timeout(15_000),
    });
    const text = await readText(response);
    const error =
      response.status >= 400
        ? (JSON.parse(text) as { error: { message: string; metadata: Record<string, unknown> } }).error
        : undefined;
    return { status: response.status, text, error, headers: response.headers, at: Date.now() };
  }

  function chatBody(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content }], ...extra };
  }

  function upstream(tag: string) {
    return emulator.requests.filter((request) => request.headers[marker] === tag);
  }

  /** The most upstream requests of `tag` that were open at the same time. */
  function maxOverlap(tag: string): number {
    const records = upstream(tag);
    return Math.max(
      0,
      ...records.map(
        (record) =>
          records.filter(
            (other) =>
              other.startedAt <= record.startedAt &&
              (other.endedAt ?? Number.POSITIVE_INFINITY) > record.startedAt,
          ).length,
      ),
    );
  }

  async function usageOf(harness: Harness, user: string) {
    const response = await fetch(`${harness.baseURL}/usage`, { headers: { 'x-user': user } });
    const report = (await response.json()) as { data: { limits: Array<{ metric: string; used: number }> } };
    captured.push(JSON.stringify(report));
    return Object.fromEntries(report.data.limits.map((limit) => [limit.metric, limit.used]));
  }

  it('holds each request’s maximum while it runs (most expensive fallback), then settles to the actual usage', async () => {
    const harness = await gateway({
      authorize: userHeader,
      limits: { tokensPerHour: 100_000, usdPerHour: 1 },
      forwardHeaders: ['x-emulator-scenario'],
    });
    const body = chatBody('reserve [[tokens: 10]]', {
      models: [MODEL_IDS.claudeSonnet],
      max_tokens: 200,
      stream: true,
    });
    const prompt = Math.ceil(Buffer.byteLength(JSON.stringify(body)) / 4);
    const open = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user': 'sara',
        'x-emulator-scenario': 'slow-tokens; interval_ms=40',
      },
      body: JSON.stringify(body),
    });
    expect(open.status).toBe(200);
    const during = await usageOf(harness, 'sara');
    expect(during.tokens).toBe(prompt + 200);
    // Claude's prices (cache writes at $3.75/M are its dearest prompt price; $15/M completion).
    expect(during.usd).toBeCloseTo(Math.ceil((prompt * 0.00000375 + 200 * 0.000015) * 1e6) / 1e6, 9);
    await readText(open);
    await expect.poll(() => harness.usage.length).toBe(1);
    const usage = harness.usage[0]!.usage!;
    const after = await usageOf(harness, 'sara');
    expect(after.tokens).toBe(usage.totalTokens);
    expect(after.usd).toBeCloseTo(Math.ceil(usage.cost! * 1e6) / 1e6, 9);
  });

  it('runs requests with max_tokens side by side and never overspends beyond the one request that takes the turn', async () => {
    const harness = await gateway({
      authorize: userHeader,
      limits: { tokensPerHour: 1_000 },
      forwardHeaders: ['x-emulator-scenario', marker],
    });
    const tag = `bounded-${Date.now()}`;
    const body = chatBody('bounded [[tokens: 100]]', { max_tokens: 100 });
    const results: Array<Awaited<ReturnType<typeof send>>> = [];
    const worker = async (): Promise<void> => {
      for (;;) {
        const result = await send(harness, 'tina', body, {
          [marker]: tag,
          'x-emulator-scenario': 'slow-tokens; interval_ms=1',
        });
        results.push(result);
        if (result.status !== 200) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, () => worker()));
    await expect
      .poll(() => harness.usage.filter((event) => event.userId === 'tina').length)
      .toBe(results.filter((result) => result.status === 200).length);
    const spent = harness.usage
      .filter((event) => event.userId === 'tina')
      .reduce((sum, event) => sum + event.charged.tokens, 0);
    const perRequest = harness.usage.find((event) => event.userId === 'tina')!.charged.tokens;
    expect(
      results.filter((result) => result.status !== 200).map((result) => result.error?.metadata.error_type),
    ).toEqual(Array(8).fill('token_limit_exceeded'));
    expect(spent).toBeGreaterThan(1_000 - 2 * perRequest);
    expect(spent).toBeLessThanOrEqual(1_000 + perRequest);
    expect(maxOverlap(tag)).toBeGreaterThan(1);
  });

  it('runs requests without max_tokens one at a time per user, and says what to do when the wait is too long', async () => {
    const harness = await gateway({
      authorize: userHeader,
      limits: { tokensPerHour: 100_000 },
      budgetQueueTimeoutMs: 300,
      forwardHeaders: ['x-emulator-scenario', marker],
    });
    const tag = `unbounded-${Date.now()}`;
    const slow = fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user': 'uma',
        'x-emulator-scenario': 'slow-tokens; interval_ms=70',
        [marker]: `${tag}-slow`,
      },
      body: JSON.stringify(chatBody('slow [[tokens: 12]]', { stream: true })),
    });
    const first = await slow;
    const started = Date.now();
    const [waiting, bounded, otherUser] = await Promise.all([
      send(harness, 'uma', chatBody('second'), { [marker]: `${tag}-waiting` }),
      send(harness, 'uma', chatBody('bounded', { max_tokens: 20 }), { [marker]: `${tag}-bounded` }),
      send(harness, 'vera', chatBody('someone else'), { [marker]: `${tag}-other` }),
    ]);
    expect(bounded.status).toBe(200);
    expect(otherUser.status).toBe(200);
    expect(waiting.status).toBe(429);
    expect(waiting.at - started).toBeGreaterThanOrEqual(290);
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(waiting.error?.metadata).toMatchObject({
      error_type: 'budget_queue_timeout',
      metric: 'tokens',
      limit: 100_000,
      limit_source: 'gateway',
    });
    expect(waiting.error?.message).toMatch(
      /^This request sets no `max_tokens` \(and the server sets no cap\), so it could overspend the 100000 tokens per hour budget \(\d+ tokens left, resets in (\d+ min|1 h)\): such requests run one at a time per user, and another one of this user is still running after \d+ ms\. Set `max_tokens` so requests run side by side, or retry shortly\.$/,
    );
    expect(upstream(`${tag}-waiting`)).toHaveLength(0);
    await readText(first);
    // The turn is free again.
    expect((await send(harness, 'uma', chatBody('third'), { [marker]: `${tag}-third` })).status).toBe(200);
  });

  it('never sends upstream a request whose client left while it waited for its turn', async () => {
    const harness = await gateway({
      authorize: userHeader,
      limits: { usdPerDay: 10 },
      forwardHeaders: ['x-emulator-scenario', marker],
    });
    const tag = `left-${Date.now()}`;
    const first = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user': 'wes',
        'x-emulator-scenario': 'slow-tokens; interval_ms=40',
      },
      body: JSON.stringify(chatBody('slow [[tokens: 8]]', { stream: true })),
    });
    await expect(
      send(harness, 'wes', chatBody('impatient'), { [marker]: `${tag}-gone` }, AbortSignal.timeout(100)),
    ).rejects.toThrow();
    await readText(first);
    const next = await send(harness, 'wes', chatBody('next'), { [marker]: `${tag}-next` });
    expect(next.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(upstream(`${tag}-gone`)).toHaveLength(0);
  });

  it('treats the server’s maxTokens as the bound of requests that set none, so they run side by side', async () => {
    const harness = await gateway({
      authorize: userHeader,
      maxTokens: 50,
      limits: { tokensPerHour: 100_000, usdPerHour: 1 },
      forwardHeaders: ['x-emulator-scenario', marker],
    });
    const tag = `clamped-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        send(harness, 'xena', chatBody('clamped [[tokens: 6]]', { stream: true }), {
          [marker]: tag,
          'x-emulator-scenario': 'slow-tokens; interval_ms=40',
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    expect(maxOverlap(tag)).toBe(3);
  });
});
