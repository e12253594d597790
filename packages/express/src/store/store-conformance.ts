import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store';

let keyCounter = 0;
/** A key no other test (or earlier run against the same Redis) used. */
function freshKey(name: string): string {
  keyCounter += 1;
  return `conformance:${process.pid}:${Date.now()}:${keyCounter}:${name}`;
}

/**
 * The behaviour every `Store` must have, run against each implementation (memory, Redis through
 * ioredis, Redis through node-redis). `createStore` may return the same store for each call.
 */
export function describeStoreConformance(
  name: string,
  createStore: () => Promise<Store>,
  cleanup?: () => Promise<void>,
): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await createStore();
    });
    afterAll(async () => {
      await store.close();
      await cleanup?.();
    });

    it('starts a missing counter at the increment and reports when its window ends', async () => {
      const key = freshKey('start');
      const before = Date.now();
      const state = await store.increment(key, 3, 60_000);
      expect(state.value).toBe(3);
      expect(state.resetAtMs).toBeGreaterThanOrEqual(before + 59_000);
      expect(state.resetAtMs).toBeLessThanOrEqual(Date.now() + 60_000 + 50);
    });

    it('adds increments to the same window without moving its end', async () => {
      const key = freshKey('add');
      const first = await store.increment(key, 1, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = await store.increment(key, 5, 60_000);
      expect(second.value).toBe(6);
      expect(Math.abs(second.resetAtMs - first.resetAtMs)).toBeLessThan(1_100);
    });

    it('accepts negative increments (taking back a count)', async () => {
      const key = freshKey('negative');
      await store.increment(key, 4, 60_000);
      const state = await store.increment(key, -3, 60_000);
      expect(state.value).toBe(1);
    });

    it('reads a counter without changing it, and undefined for a missing one', async () => {
      const key = freshKey('get');
      expect(await store.get(key)).toBeUndefined();
      await store.increment(key, 7, 60_000);
      const read = await store.get(key);
      expect(read?.value).toBe(7);
      expect((await store.get(key))?.value).toBe(7);
    });

    it('expires a counter when its window ends', async () => {
      const key = freshKey('expire');
      await store.increment(key, 2, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 1_150));
      expect(await store.get(key)).toBeUndefined();
      const restarted = await store.increment(key, 1, 1_000);
      expect(restarted.value).toBe(1);
    });

    it('sets a counter with a time to live, replacing the old value', async () => {
      const key = freshKey('set');
      await store.increment(key, 9, 60_000);
      await store.set(key, 1, 30_000);
      const state = await store.get(key);
      expect(state?.value).toBe(1);
      expect(state!.resetAtMs - Date.now()).toBeLessThanOrEqual(30_000);
      expect(state!.resetAtMs - Date.now()).toBeGreaterThan(28_000);
    });

    it('deletes a counter', async () => {
      const key = freshKey('delete');
      await store.increment(key, 1, 60_000);
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
    });

    it('counts concurrent increments atomically (every caller sees a distinct total)', async () => {
      const key = freshKey('atomic');
      const results = await Promise.all(Array.from({ length: 50 }, () => store.increment(key, 1, 60_000)));
      const totals = results.map((state) => state.value).sort((a, b) => a - b);
      expect(totals).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    });

    it('rejects non-integer amounts (counters hold requests, tokens and micro-dollars)', async () => {
      await expect(store.increment(freshKey('decimal'), 0.5, 60_000)).rejects.toThrow(/integer/);
    });

    it('keeps keys of different windows apart', async () => {
      const key = freshKey('windows');
      await store.increment(`${key}:a`, 2, 60_000);
      await store.increment(`${key}:b`, 3, 3_600_000);
      expect((await store.get(`${key}:a`))?.value).toBe(2);
      expect((await store.get(`${key}:b`))?.value).toBe(3);
      expect((await store.get(`${key}:b`))!.resetAtMs - Date.now()).toBeGreaterThan(3_500_000);
    });
  });
}
