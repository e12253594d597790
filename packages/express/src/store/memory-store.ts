import { InvalidOptionsError } from '@openrouter-adapters/core';
import type { ConsumeResult, CounterCharge, CounterState, Store } from './store';
import { assertCharges, assertInteger, windowSeconds } from './window-seconds';

export type MemoryStoreOptions = {
  /** Prefix of every key (default `openrouter`). */
  prefix?: string;
  /**
   * Most records written with `set` kept at once (the middleware writes one per generation, to
   * answer `GET /generation` only to the user who made it); the oldest go first. Default 100,000
   * (roughly 25 MB). Limit counters are never dropped this way: they end with their window.
   */
  maxRecords?: number;
};

const defaultMaxRecords = 100_000;

type Entry = { value: number; expiresAt: number };

/** Expired counters are dropped when read, and all of them at most this often (no timers). */
const sweepIntervalMs = 30_000;

/**
 * Counts limits in this process's memory. The default store: correct for one instance only;
 * with several instances every one counts on its own, so limits multiply. Use `redisStore` for
 * more than one instance.
 *
 * A plain map rather than rate-limiter-flexible's memory backend: `consume` must check several
 * counters and add to all of them or none in one step, which that backend cannot do without
 * reaching into its private storage. Every operation runs synchronously, so each is atomic.
 * No timers: expired counters are dropped lazily.
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const maxRecords = options.maxRecords ?? defaultMaxRecords;
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 1) {
    throw new InvalidOptionsError({
      issues: [
        { path: 'maxRecords', message: `must be a positive integer, got ${String(options.maxRecords)}` },
      ],
    });
  }
  const prefix = `${options.prefix ?? 'openrouter'}:`;
  const entries = new Map<string, Entry>();
  /** Keys of the entries written by `set`, oldest first (counters are never in it). */
  const records = new Set<string>();
  let nextSweepAt = Date.now() + sweepIntervalMs;

  const live = (key: string, now: number): Entry | undefined => {
    if (now >= nextSweepAt) {
      nextSweepAt = now + sweepIntervalMs;
      for (const [name, entry] of entries) {
        if (entry.expiresAt <= now) {
          entries.delete(name);
          records.delete(name);
        }
      }
    }
    const entry = entries.get(prefix + key);
    if (entry === undefined || entry.expiresAt > now) return entry;
    entries.delete(prefix + key);
    records.delete(prefix + key);
    return undefined;
  };
  const state = (entry: Entry): CounterState => ({ value: entry.value, resetAtMs: entry.expiresAt });
  const create = (key: string, value: number, windowMs: number, now: number): Entry => {
    const entry = { value, expiresAt: now + windowSeconds(windowMs) * 1000 };
    entries.set(prefix + key, entry);
    return entry;
  };

  return {
    async increment(key, amount, windowMs) {
      assertInteger(amount);
      const now = Date.now();
      const entry = live(key, now);
      if (entry === undefined) return state(create(key, amount, windowMs, now));
      entry.value += amount;
      return state(entry);
    },
    async consume(charges: readonly CounterCharge[]): Promise<ConsumeResult> {
      assertCharges(charges);
      const now = Date.now();
      const found = charges.map((charge) => live(charge.key, now));
      const admitted = charges.every(
        (charge, index) => (found[index]?.value ?? 0) + charge.amount <= charge.limit,
      );
      const states = charges.map((charge, index) => {
        const entry = found[index];
        if (!admitted) {
          return entry ? state(entry) : { value: 0, resetAtMs: now + windowSeconds(charge.windowMs) * 1000 };
        }
        if (entry === undefined) return state(create(charge.key, charge.amount, charge.windowMs, now));
        entry.value += charge.amount;
        return state(entry);
      });
      return { admitted, states };
    },
    async get(key) {
      const entry = live(key, Date.now());
      return entry ? state(entry) : undefined;
    },
    async set(key, value, ttlMs) {
      assertInteger(value);
      const name = prefix + key;
      create(key, value, ttlMs, Date.now());
      records.delete(name);
      records.add(name);
      if (records.size > maxRecords) {
        for (const oldest of records) {
          records.delete(oldest);
          entries.delete(oldest);
          if (records.size <= maxRecords) break;
        }
      }
    },
    async delete(key) {
      entries.delete(prefix + key);
      records.delete(prefix + key);
    },
    async close() {
      entries.clear();
      records.clear();
    },
  };
}
