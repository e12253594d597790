import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { ConsumeResult, CounterCharge, CounterState, Store } from './store';
import { assertInteger, windowSeconds } from './window-seconds';

/** Counters are compared by the middleware, so the limiter's own `points` only has to be large. */
export const unlimitedPoints: number = Number.MAX_SAFE_INTEGER;

function toState(result: RateLimiterRes, now: number): CounterState | undefined {
  // A negative `msBeforeNext` other than -1 is a record whose window already ended.
  if (result.msBeforeNext < -1 || result.msBeforeNext === 0) return undefined;
  const resetAtMs = result.msBeforeNext === -1 ? Number.POSITIVE_INFINITY : now + result.msBeforeNext;
  return { value: result.consumedPoints, resetAtMs };
}

/**
 * A `Store` on one rate-limiter-flexible limiter: increments are the library's atomic
 * `penalty`/`reward` (a Lua script on Redis), each with its own window length
 * (`customDuration`), so one limiter serves every window. The library has no all-or-nothing
 * check across several counters, so `consume` comes from the backend (`redis-consume.ts`).
 */
export function createRateLimiterStore(
  limiter: RateLimiterAbstract,
  consume: (charges: readonly CounterCharge[]) => Promise<ConsumeResult>,
): Store {
  return {
    async increment(key, amount, windowMs) {
      assertInteger(amount);
      const options = { customDuration: windowSeconds(windowMs) };
      const now = Date.now();
      const result =
        amount >= 0
          ? await limiter.penalty(key, amount, options)
          : await limiter.reward(key, -amount, options);
      return toState(result, now) ?? { value: result.consumedPoints, resetAtMs: now + windowMs };
    },
    consume,
    async get(key) {
      const now = Date.now();
      const result = await limiter.get(key);
      return result === null ? undefined : toState(result, now);
    },
    async set(key, value, ttlMs) {
      assertInteger(value);
      await limiter.set(key, value, windowSeconds(ttlMs));
    },
    async delete(key) {
      await limiter.delete(key);
    },
    async close() {},
  };
}
