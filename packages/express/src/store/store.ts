/** A counter's value and when its window ends. */
export type CounterState = {
  value: number;
  /** Epoch milliseconds when the counter expires (its window ends). */
  resetAtMs: number;
};

/**
 * Where limits are counted. Counters are integers (requests, tokens, micro-dollars) in fixed
 * windows that start with the first increment. Implementations must make `increment` atomic: two
 * instances incrementing the same key at once both see a distinct, correct total.
 *
 * `memoryStore()` (the default, one process) and `redisStore()` (several instances) implement it;
 * one behaviour suite (`store-conformance.ts`) runs against both.
 */
export interface Store {
  /**
   * Adds `amount` (an integer, may be negative) to counter `key` and returns the new state. A
   * missing or expired counter starts at 0 with a window of `windowMs` (whole seconds).
   */
  increment(key: string, amount: number, windowMs: number): Promise<CounterState>;
  /** Reads a counter; `undefined` when it does not exist or its window has ended. */
  get(key: string): Promise<CounterState | undefined>;
  /** Sets a counter to `value` for `ttlMs` (whole seconds), replacing any previous window. */
  set(key: string, value: number, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases the store's own resources (never a client the application passed in). */
  close(): Promise<void>;
}
