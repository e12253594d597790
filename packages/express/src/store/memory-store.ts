import { createRequire } from 'node:module';
import type { RateLimiterMemory as RateLimiterMemoryClass } from 'rate-limiter-flexible';
import { createRateLimiterStore, unlimitedPoints } from './rate-limiter-store';
import type { Store } from './store';

// The library's entry loads every backend (about 20 ms); load only the one used.
const requireModule = createRequire(import.meta.url);

export type MemoryStoreOptions = {
  /** Prefix of every key (default `openrouter`). */
  prefix?: string;
};

/**
 * Counts limits in this process's memory (rate-limiter-flexible's memory backend). The default
 * store: correct for one instance only; with several instances every one counts on its own, so
 * limits multiply. Use `redisStore` for more than one instance.
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const RateLimiterMemory = requireModule(
    'rate-limiter-flexible/lib/RateLimiterMemory.js',
  ) as typeof RateLimiterMemoryClass;
  return createRateLimiterStore(
    new RateLimiterMemory({
      keyPrefix: options.prefix ?? 'openrouter',
      points: unlimitedPoints,
      duration: 60,
    }),
  );
}
