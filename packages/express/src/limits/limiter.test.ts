import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memory-store';
import { normalizeLimits } from './limit-rules';
import { Limiter } from './limiter';

function setup() {
  return new Limiter(memoryStore({ prefix: `limiter-${Math.random()}` }), 60_000);
}

describe('Limiter', () => {
  it('admits requests up to the limit, then rejects with Retry-After and rate-limit headers', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ requestsPerMinute: 2 });
    expect((await limiter.admit('alice', limits, false)).ok).toBe(true);
    expect((await limiter.admit('alice', limits, false)).ok).toBe(true);
    const third = await limiter.admit('alice', limits, false);
    expect(third.ok).toBe(false);
    if (third.ok) return;
    expect(third.rejection.status).toBe(429);
    expect(third.rejection.message).toMatch(
      /^Rate limit reached: 2 requests per minute for this user\. Try again in (\d+ s|1 min)\.$/,
    );
    expect(third.rejection.headers).toMatchObject({
      'retry-after': expect.stringMatching(/^\d+$/),
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
    });
    expect(Number(third.rejection.headers?.['x-ratelimit-reset'])).toBeGreaterThan(Date.now());
    // Users are counted apart; rejected attempts are not counted.
    expect((await limiter.admit('bob', limits, false)).ok).toBe(true);
    const report = await limiter.report('alice', limits);
    expect(report.limits[0]).toMatchObject({ metric: 'requests', limit: 2, used: 2, remaining: 0 });
  });

  it('admits exactly the limit under concurrency', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ requestsPerMinute: 10 });
    const results = await Promise.all(
      Array.from({ length: 40 }, () => limiter.admit('carol', limits, false)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(10);
  });

  it('rejects once a token or USD budget is spent, and charges actual usage afterwards', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ tokensPerHour: 100, usdPerDay: 0.01 });
    expect((await limiter.admit('dave', limits, false)).ok).toBe(true);
    await limiter.charge('dave', limits, { tokens: 60, usd: 0.004 });
    expect((await limiter.admit('dave', limits, false)).ok).toBe(true);
    await limiter.charge('dave', limits, { tokens: 50, usd: 0.001 });
    const rejected = await limiter.admit('dave', limits, false);
    expect(!rejected.ok && rejected.rejection.message).toMatch(
      /^Token limit reached: 110 of 100 tokens per hour used\. It resets in (\d+ min|1 h)\.$/,
    );
    const report = await limiter.report('dave', limits);
    expect(report.limits).toEqual([
      expect.objectContaining({ metric: 'tokens', used: 110, remaining: 0, limit: 100 }),
      expect.objectContaining({ metric: 'usd', used: 0.005, remaining: 0.005, limit: 0.01 }),
    ]);
    await limiter.charge('dave', limits, { tokens: 0, usd: 0.006 });
    const budgets = normalizeLimits({ usdPerDay: 0.01 });
    const spent = await limiter.admit('dave', budgets, false);
    expect(!spent.ok && spent.rejection.message).toMatch(
      /^Budget spent: \$0\.01 of \$0\.01 per day\. It resets in \d+ h( \d+ min)?\.$/,
    );
    expect(!spent.ok && spent.rejection.metadata).toMatchObject({
      error_type: 'budget_exceeded',
      metric: 'usd',
      limit: 0.01,
      used: 0.011,
    });
  });

  it('holds concurrent-stream slots until released, without counting the refused request', async () => {
    const limiter = setup();
    const limits = normalizeLimits({ concurrentStreams: 1, requestsPerMinute: 5 });
    const first = await limiter.admit('erin', limits, true);
    expect(first.ok).toBe(true);
    const second = await limiter.admit('erin', limits, true);
    expect(!second.ok && second.rejection.message).toMatch(/Too many streams at once: 1 allowed per user/);
    // Non-streamed requests take no slot.
    expect((await limiter.admit('erin', limits, false)).ok).toBe(true);
    if (first.ok) {
      await first.admission.release();
      await first.admission.release();
    }
    const third = await limiter.admit('erin', limits, true);
    expect(third.ok).toBe(true);
    const report = await limiter.report('erin', limits);
    expect(report.concurrentStreams).toEqual({ limit: 1, active: 1 });
    expect(report.limits[0]).toMatchObject({ used: 3 });
  });

  it('a limit of 0 blocks everything', async () => {
    const limiter = setup();
    expect((await limiter.admit('frank', normalizeLimits({ usdPerDay: 0 }), false)).ok).toBe(false);
    expect((await limiter.admit('frank', normalizeLimits({ requestsPerDay: 0 }), false)).ok).toBe(false);
  });
});
