/** A counter's value and when its window ends. */
export type CounterState = {
  value: number;
  /** Epoch milliseconds when the counter expires (its window ends). */
  resetAtMs: number;
};

/** One counter of an all-or-nothing `Store.consume` call. */
export type CounterCharge = {
  key: string;
  /** What to add (an integer >= 0). */
  amount: number;
  /** The largest value the counter may hold after the addition. */
  limit: number;
  /** The window of a counter this call creates (whole seconds, like `increment`). */
  windowMs: number;
};

/** The outcome of `Store.consume`. */
export type ConsumeResult = {
  /** True when every counter took its amount; false when one would have passed its limit (then none changed). */
  admitted: boolean;
  /**
   * Each counter's state, in the order of the charges: after the addition when admitted, as it
   * was otherwise. A missing counter reads as value 0 with a window of its `windowMs` from now.
   */
  states: CounterState[];
};

/**
 * Where limits are counted. Counters are integers (requests, tokens, micro-dollars) in fixed
 * windows that start with the first increment. Implementations must make `increment` and
 * `consume` atomic: two instances changing the same keys at once both see a distinct, correct total.
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
  /**
   * Check and reserve in one atomic step: adds each charge's amount to its counter when every
   * counter stays within its limit, otherwise changes nothing. Admission uses it (request counts,
   * token and USD reservations and the stream slot of one request at once), so a refused request
   * is never counted and never makes a concurrent one fail. On Redis Cluster the keys of one call
   * share a hash slot (the middleware tags them with the user id).
   */
  consume(charges: readonly CounterCharge[]): Promise<ConsumeResult>;
  /** Reads a counter; `undefined` when it does not exist or its window has ended. */
  get(key: string): Promise<CounterState | undefined>;
  /** Sets a counter to `value` for `ttlMs` (whole seconds), replacing any previous window. */
  set(key: string, value: number, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases the store's own resources (never a client the application passed in). */
  close(): Promise<void>;
}
