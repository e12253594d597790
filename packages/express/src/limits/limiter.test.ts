import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memory-store';
import type { Store } from '../store/store';
import { normalizeLimits } from './limit-rules';
import { type AdmissionRequest, type AdmissionResult, Limiter } from './limiter';
import type { RequestBounds } from './request-bounds';

function setup(store: Store = memoryStore({ prefix: `limiter-${Math.random()}` }), maxWaiting = 8) {
  return new Limiter(store, { slotTtlMs: 60_000, maxWaiting });
}

/** Bounds of a request with `promptTokens` of prompt and an output cap (none: unbounded). */
function bounds(promptTokens: number, maxOutputTokens?: number, usdPerToken = 0): RequestBounds {
  const tokens = maxOutputTokens === undefined ? undefined : promptTokens + maxOutputTokens;
  return {
    promptTokens,
    maxOutputTokens,
    tokens,
    usd: tokens === undefined ? undefined : tokens * usdPerToken,
    promptUsd: promptTokens * usdPerToken,
    unbounded: {
      tokens: tokens === undefined ? 'sets no `max_tokens` (and the server sets no cap)' : undefined,
      usd: tokens === undefined ? 'sets no `max_tokens` (and the server sets no cap)' : undefined,
    },
  };
}

function request(overrides: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return { stream: false, bounds: undefined, maxWaitMs: 1_000, ...overrides };
}

function rejectionOf(result: AdmissionResult) {
  if (result.ok || !('rejection' in result)) throw new Error('expected a rejection');
  return result.rejection;
}

function admissionOf(result: AdmissionResult) {
  if (!result.ok)
    throw new Error(
      `expected an admission, got ${'rejection' in result ? result.rejection.message : 'client gone'}`,
    );
  return result.admission;
}

describe('Limiter: requests and streams', () => {
  it('admits requests up to the limit, then rejects with Retry-After and rate-limit headers', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ requestsPerMinute: 2 });
    expect((await limiter.admit('alice', limits, request())).ok).toBe(true);
    expect((await limiter.admit('alice', limits, request())).ok).toBe(true);
    const third = rejectionOf(await limiter.admit('alice', limits, request()));
    expect(third.status).toBe(429);
    expect(third.message).toMatch(
      /^Rate limit reached: 2 requests per minute for this user\. Try again in (\d+ s|1 min)\.$/,
    );
    expect(third.headers).toMatchObject({
      'retry-after': expect.stringMatching(/^\d+$/),
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
    });
    expect(Number(third.headers?.['x-ratelimit-reset'])).toBeGreaterThan(Date.now());
    // Users are counted apart; rejected attempts are not counted.
    expect((await limiter.admit('bob', limits, request())).ok).toBe(true);
    const report = await limiter.report('alice', limits);
    expect(report.limits[0]).toMatchObject({ metric: 'requests', limit: 2, used: 2, remaining: 0 });
  });

  it('admits exactly the limit under concurrency', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ requestsPerMinute: 10 });
    const results = await Promise.all(
      Array.from({ length: 40 }, () => limiter.admit('carol', limits, request())),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(10);
  });

  it('holds concurrent-stream slots until released, without counting the refused request', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ concurrentStreams: 1, requestsPerMinute: 5 });
    const first = admissionOf(await limiter.admit('erin', limits, request({ stream: true })));
    const second = rejectionOf(await limiter.admit('erin', limits, request({ stream: true })));
    expect(second.message).toMatch(/Too many streams at once: 1 allowed per user/);
    // Non-streamed requests take no slot.
    expect((await limiter.admit('erin', limits, request())).ok).toBe(true);
    await first.releaseSlot();
    await first.releaseSlot();
    expect((await limiter.admit('erin', limits, request({ stream: true }))).ok).toBe(true);
    const report = await limiter.report('erin', limits);
    expect(report.concurrentStreams).toEqual({ limit: 1, active: 1 });
    expect(report.limits[0]).toMatchObject({ used: 3 });
  });

  it('a limit of 0 blocks everything', async () => {
    const limiter = setup();
    const budget = normalizeLimits({ usdPerDay: 0 });
    expect((await limiter.admit('frank', budget, request({ bounds: bounds(10, 10, 0) }))).ok).toBe(false);
    expect((await limiter.admit('frank', budget, request({ bounds: bounds(10) }))).ok).toBe(false);
    expect((await limiter.admit('frank', normalizeLimits({ requestsPerDay: 0 }), request())).ok).toBe(false);
  });

  it('does not touch the store for a user without limits', async () => {
    const untouchable = new Proxy(memoryStore(), {
      get: () => () => Promise.reject(new Error('the store was used')),
    }) as Store;
    const limiter = setup(untouchable);
    const admission = admissionOf(
      await limiter.admit('gina', normalizeLimits({}), request({ stream: true, bounds: bounds(5) })),
    );
    await admission.settle({ tokens: 100, usd: 1 });
    await admission.releaseSlot();
  });
});

describe('Limiter: token and USD budgets', () => {
  it('reserves each bounded request’s maximum at admission, so concurrent requests cannot overspend', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 100 });
    // 10 prompt + 20 output at most: 3 fit in 100 however many arrive at once. The 10 tokens
    // left go to one more request that takes the user's turn (the one allowed overspend), with
    // its prompt reserved; the others wait for the turn and give up after maxWaitMs.
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.admit('hank', limits, request({ bounds: bounds(10, 20), maxWaitMs: 100 })),
      ),
    );
    const admitted = results.filter((result) => result.ok);
    expect(admitted).toHaveLength(4);
    expect((await limiter.report('hank', limits)).limits[0]).toMatchObject({ used: 100, remaining: 0 });
    const refusals = results.filter((result) => !result.ok).map((result) => rejectionOf(result));
    expect(refusals.map((refusal) => refusal.metadata?.error_type)).toEqual(
      Array(8).fill('budget_queue_timeout'),
    );
    // Settling swaps each reservation (30, and 10 for the prompt) for the actual usage (12).
    for (const result of admitted) await admissionOf(result).settle({ tokens: 12, usd: 0 });
    expect((await limiter.report('hank', limits)).limits[0]).toMatchObject({ used: 48, remaining: 52 });
    expect((await limiter.admit('hank', limits, request({ bounds: bounds(10, 20) }))).ok).toBe(true);
    // 78 used: the next one does not fit and takes the turn (88); it overspends a little.
    const last = admissionOf(await limiter.admit('hank', limits, request({ bounds: bounds(10, 20) })));
    await last.settle({ tokens: 30, usd: 0 });
    // A spent budget is refused at once.
    const spent = rejectionOf(await limiter.admit('hank', limits, request({ bounds: bounds(10, 20) })));
    expect(spent.message).toMatch(/^Token limit reached: 108 of 100 tokens per hour used/);
  });

  it('counts a budget refusal as nothing (requests and slots stay untouched)', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 10, requestsPerMinute: 5, concurrentStreams: 2 });
    await limiter.admit('ivan', limits, request({ bounds: bounds(5, 5) }));
    expect((await limiter.admit('ivan', limits, request({ stream: true, bounds: bounds(5, 5) }))).ok).toBe(
      false,
    );
    const report = await limiter.report('ivan', limits);
    expect(report.limits).toEqual([
      expect.objectContaining({ metric: 'requests', used: 1 }),
      expect.objectContaining({ metric: 'tokens', used: 10 }),
    ]);
    expect(report.concurrentStreams).toEqual({ limit: 2, active: 0 });
  });

  it('says which budget is spent, what is left and when it resets', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 100, usdPerDay: 0.01 });
    const first = admissionOf(
      await limiter.admit('dave', limits, request({ bounds: bounds(10, 10, 0.0001) })),
    );
    await first.settle({ tokens: 110, usd: 0.004 });
    const rejected = rejectionOf(await limiter.admit('dave', limits, request({ bounds: bounds(1, 1, 0) })));
    expect(rejected.message).toMatch(
      /^Token limit reached: 110 of 100 tokens per hour used\. It resets in (\d+ min|1 h)\. Nothing is left \(requests still running count with what they may use\)\.$/,
    );
    expect(rejected.metadata).toMatchObject({
      error_type: 'token_limit_exceeded',
      metric: 'tokens',
      limit: 100,
      used: 110,
      remaining: 0,
      window_ms: 3_600_000,
    });
    expect(Number(rejected.headers?.['retry-after'])).toBeGreaterThan(60);
    const report = await limiter.report('dave', limits);
    expect(report.limits).toEqual([
      expect.objectContaining({ metric: 'tokens', used: 110, remaining: 0, limit: 100 }),
      expect.objectContaining({ metric: 'usd', used: 0.004, remaining: 0.006, limit: 0.01 }),
    ]);
    const budgets = normalizeLimits({ usdPerDay: 0.01 });
    const second = admissionOf(await limiter.admit('dave', budgets, request({ bounds: bounds(1, 1, 0) })));
    await second.settle({ tokens: 0, usd: 0.007 });
    const spent = rejectionOf(await limiter.admit('dave', budgets, request({ bounds: bounds(1, 1, 0) })));
    expect(spent.message).toMatch(
      /^Budget spent: \$0\.01 of \$0\.01 per day\. It resets in \d+ h( \d+ min)?\. Nothing is left/,
    );
    expect(spent.metadata).toMatchObject({
      error_type: 'budget_exceeded',
      metric: 'usd',
      limit: 0.01,
      used: 0.011,
    });
  });

  it('reserves USD at the request’s maximum price in micro-dollars', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ usdPerHour: 0.001 });
    // (100 + 200) tokens at $0.000001 = $0.0003 reserved per request: 3 fit in $0.001, then one
    // more takes the user's turn with its prompt ($0.0001) reserved.
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.admit('judy', limits, request({ bounds: bounds(100, 200, 0.000001), maxWaitMs: 50 })),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(4);
    expect((await limiter.report('judy', limits)).limits[0]).toMatchObject({ used: 0.001 });
  });

  it('runs requests without an upper bound one at a time per user, while anything is left', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 100 });
    const first = admissionOf(await limiter.admit('kate', limits, request({ bounds: bounds(10) })));
    // The prompt estimate is reserved.
    expect((await limiter.report('kate', limits)).limits[0]).toMatchObject({ used: 10 });
    let secondDone = false;
    const second = limiter.admit('kate', limits, request({ bounds: bounds(10) })).then((result) => {
      secondDone = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondDone).toBe(false);
    expect(limiter.waiting('kate')).toBe(1);
    // Bounded requests and other users are not held up.
    expect((await limiter.admit('kate', limits, request({ bounds: bounds(5, 5) }))).ok).toBe(true);
    expect((await limiter.admit('liam', limits, request({ bounds: bounds(10) }))).ok).toBe(true);
    // The first one uses 90: with the bounded request's 10 reserved, nothing is left when the
    // second gets its turn.
    await first.settle({ tokens: 90, usd: 0 });
    const refused = rejectionOf(await second);
    expect(refused.metadata).toMatchObject({ error_type: 'token_limit_exceeded', used: 100 });
    expect(limiter.waiting('kate')).toBe(0);
  });

  it('lets the next request without a bound run when the previous one settles with budget left', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 100 });
    const first = admissionOf(await limiter.admit('mia', limits, request({ bounds: bounds(10) })));
    const second = limiter.admit('mia', limits, request({ bounds: bounds(10) }));
    await first.settle({ tokens: 60, usd: 0 });
    const admitted = admissionOf(await second);
    expect((await limiter.report('mia', limits)).limits[0]).toMatchObject({ used: 70 });
    // This one may overspend (there is no bound): one request per instance is the documented limit.
    await admitted.settle({ tokens: 80, usd: 0 });
    expect((await limiter.report('mia', limits)).limits[0]).toMatchObject({ used: 140, remaining: 0 });
  });

  it('refuses after the turn wait with a message that says what to change', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerMinute: 500 });
    const first = admissionOf(await limiter.admit('nina', limits, request({ bounds: bounds(10) })));
    const refused = rejectionOf(
      await limiter.admit('nina', limits, request({ bounds: bounds(10), maxWaitMs: 100 })),
    );
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /^This request sets no `max_tokens` \(and the server sets no cap\), so it could overspend the 500 tokens per minute budget \(490 tokens left, resets in (\d+ s|1 min)\): such requests run one at a time per user, and another one of this user is still running after \d+ ms\. Set `max_tokens` so requests run side by side, or retry shortly\.$/,
    );
    expect(refused.metadata).toMatchObject({
      error_type: 'budget_queue_timeout',
      metric: 'tokens',
      limit: 500,
      remaining: 490,
      window_ms: 60_000,
    });
    expect(refused.metadata?.waited_ms).toBeGreaterThanOrEqual(90);
    expect(refused.headers).toMatchObject({ 'retry-after': '1', 'x-ratelimit-remaining': '490' });
    await first.settle({ tokens: 0, usd: 0 });
  });

  it('sends a request whose bound exceeds what is left through the same turn, and advises a smaller max_tokens', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 1_000 });
    const running = admissionOf(await limiter.admit('omar', limits, request({ bounds: bounds(100, 500) })));
    // 600 reserved, 400 left: a 100 + 500 request does not fit, but runs when it has the turn.
    const large = admissionOf(await limiter.admit('omar', limits, request({ bounds: bounds(100, 500) })));
    expect((await limiter.report('omar', limits)).limits[0]).toMatchObject({ used: 700 });
    const waiting = rejectionOf(
      await limiter.admit('omar', limits, request({ bounds: bounds(100, 500), maxWaitMs: 50 })),
    );
    expect(waiting.message).toMatch(
      /^This request may use up to 600 tokens, more than is left of the 1000 tokens per hour budget \(300 tokens left, resets in (\d+ min|1 h)\), so it runs only when no other such request of this user is running, and another one of this user is still running after \d+ ms\. Lower `max_tokens` \(to 200 or less\) to run it now, or retry shortly\.$/,
    );
    // A request that fits still runs side by side.
    expect((await limiter.admit('omar', limits, request({ bounds: bounds(100, 100) }))).ok).toBe(true);
    await running.settle({ tokens: 0, usd: 0 });
    await large.settle({ tokens: 0, usd: 0 });
  });

  it('lets a request that waited because its bound did not fit run side by side once it fits', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 1_000 });
    const holder = admissionOf(await limiter.admit('rosa', limits, request({ bounds: bounds(100) })));
    const big = admissionOf(await limiter.admit('rosa', limits, request({ bounds: bounds(100, 700) })));
    // 100 + 800 reserved: the next one (800) does not fit in 100 and waits for the turn.
    const waiting = limiter.admit('rosa', limits, request({ bounds: bounds(100, 700) }));
    await big.settle({ tokens: 50, usd: 0 });
    await holder.settle({ tokens: 50, usd: 0 });
    const admitted = admissionOf(await waiting);
    // It holds its whole bound (100 used + 800) and gave the turn back at once.
    expect((await limiter.report('rosa', limits)).limits[0]).toMatchObject({ used: 900 });
    const unbounded = admissionOf(
      await limiter.admit('rosa', limits, request({ bounds: bounds(10), maxWaitMs: 50 })),
    );
    await admitted.settle({ tokens: 0, usd: 0 });
    await unbounded.settle({ tokens: 0, usd: 0 });
  });

  it('refuses at once when too many requests of the user wait, and leaves the queue when the client goes', async () => {
    const limiter = setup(undefined, 2);
    const limits = normalizeLimits({ usdPerDay: 1 });
    const first = admissionOf(await limiter.admit('pia', limits, request({ bounds: bounds(10) })));
    const controller = new AbortController();
    const waiting = [
      limiter.admit('pia', limits, request({ bounds: bounds(10), signal: controller.signal })),
      limiter.admit('pia', limits, request({ bounds: bounds(10), maxWaitMs: 5_000 })),
    ];
    const full = rejectionOf(await limiter.admit('pia', limits, request({ bounds: bounds(10) })));
    expect(full.metadata).toMatchObject({ error_type: 'budget_queue_full' });
    expect(full.message).toMatch(/2 requests of this user already wait for their turn/);
    controller.abort();
    expect(await waiting[0]).toEqual({ ok: false, clientGone: true });
    expect(limiter.waiting('pia')).toBe(1);
    await first.settle({ tokens: 10, usd: 0.1 });
    const next = admissionOf(await waiting[1]!);
    await next.settle({ tokens: 0, usd: 0 });
    expect(limiter.waiting('pia')).toBe(0);
  });

  it('charges usage to the new window when the reservation’s window ended meanwhile', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ windows: [{ metric: 'tokens', limit: 100, windowMs: 1_000 }] });
    const admission = admissionOf(await limiter.admit('quin', limits, request({ bounds: bounds(10, 40) })));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await admission.settle({ tokens: 30, usd: 0 });
    expect((await limiter.report('quin', limits)).limits[0]).toMatchObject({ used: 30 });
  });

  it('two instances on one store overspend by at most one request each (requests without a bound)', async () => {
    const store = memoryStore({ prefix: `pair-${Math.random()}` });
    const instances = [setup(store), setup(store)];
    const limits = normalizeLimits({ tokensPerHour: 100 });
    let spent = 0;
    const worker = async (limiter: Limiter): Promise<void> => {
      for (;;) {
        const result = await limiter.admit('ruth', limits, request({ bounds: bounds(10) }));
        if (!result.ok) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
        spent += 30;
        await result.admission.settle({ tokens: 30, usd: 0 });
      }
    };
    await Promise.all(instances.flatMap((limiter) => Array.from({ length: 6 }, () => worker(limiter))));
    expect(spent).toBeGreaterThanOrEqual(100);
    expect(spent).toBeLessThanOrEqual(100 + 2 * 30);
  });
});
