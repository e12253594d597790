import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { CounterState, Store } from './store';

/** Counters are compared by the middleware, so the limiter's own `points` only has to be large. */
export const unlimitedPoints: number = Number.MAX_SAFE_INTEGER;

/** Whole seconds, at least one (rate-limiter-flexible counts windows in seconds; 0 would mean forever). */
export function windowSeconds(windowMs: number): number {
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError(`A store window must be a positive number of milliseconds, got ${windowMs}`);
  }
  return Math.max(1, Math.ceil(windowMs / 1000));
}

function toState(result: RateLimiterRes, now: number): CounterState | undefined {
  // A negative `msBeforeNext` other than -1 is a memory record whose timer has not fired yet.
  if (result.msBeforeNext < -1 || result.msBeforeNext === 0) return undefined;
  const resetAtMs = result.msBeforeNext === -1 ? Number.POSITIVE_INFINITY : now + result.msBeforeNext;
  return { value: result.consumedPoints, resetAtMs };
}

function assertInteger(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(
      `Store counters take integer amounts (requests, tokens, micro-dollars), got ${amount}`,
    );
  }
}

/**
 * A `Store` on one rate-limiter-flexible limiter (memory or Redis): increments are the library's
 * atomic `penalty`/`reward` (a Lua script on Redis), each with its own window length
 * (`customDuration`), so one limiter serves every window.
 */
export function createRateLimiterStore(limiter: RateLimiterAbstract): Store {
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
