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

    it('consume adds to every counter when all stay within their limits', async () => {
      const key = freshKey('consume');
      await store.increment(`${key}:a`, 4, 60_000);
      const before = Date.now();
      const result = await store.consume([
        { key: `${key}:a`, amount: 6, limit: 10, windowMs: 60_000 },
        { key: `${key}:b`, amount: 3, limit: 5, windowMs: 3_600_000 },
      ]);
      expect(result.admitted).toBe(true);
      expect(result.states.map((state) => state.value)).toEqual([10, 3]);
      expect(result.states[1]!.resetAtMs).toBeGreaterThanOrEqual(before + 3_599_000);
      expect((await store.get(`${key}:a`))?.value).toBe(10);
      expect((await store.get(`${key}:b`))?.value).toBe(3);
      expect((await store.get(`${key}:b`))!.resetAtMs - Date.now()).toBeGreaterThan(3_500_000);
    });

    it('consume changes nothing when one counter would pass its limit, and reports every state', async () => {
      const key = freshKey('consume-refused');
      await store.increment(`${key}:a`, 8, 60_000);
      const before = Date.now();
      const result = await store.consume([
        { key: `${key}:missing`, amount: 1, limit: 100, windowMs: 60_000 },
        { key: `${key}:a`, amount: 3, limit: 10, windowMs: 60_000 },
      ]);
      expect(result.admitted).toBe(false);
      expect(result.states.map((state) => state.value)).toEqual([0, 8]);
      expect(result.states[0]!.resetAtMs).toBeGreaterThanOrEqual(before + 59_000);
      expect(result.states[1]!.resetAtMs).toBeGreaterThan(Date.now());
      expect(await store.get(`${key}:missing`)).toBeUndefined();
      expect((await store.get(`${key}:a`))?.value).toBe(8);
      // Room made by a negative increment is usable at once.
      await store.increment(`${key}:a`, -2, 60_000);
      expect(
        (await store.consume([{ key: `${key}:a`, amount: 4, limit: 10, windowMs: 60_000 }])).admitted,
      ).toBe(true);
    });

    it('consume admits exactly up to the limit under concurrency, across several counters', async () => {
      const key = freshKey('consume-concurrent');
      const results = await Promise.all(
        Array.from({ length: 40 }, () =>
          store.consume([
            { key: `${key}:requests`, amount: 1, limit: 20, windowMs: 60_000 },
            { key: `${key}:tokens`, amount: 7, limit: 100, windowMs: 60_000 },
          ]),
        ),
      );
      // 100 / 7 = 14 reservations fit; the requests counter (20) never blocks.
      expect(results.filter((result) => result.admitted)).toHaveLength(14);
      expect((await store.get(`${key}:tokens`))?.value).toBe(98);
      expect((await store.get(`${key}:requests`))?.value).toBe(14);
      const admittedTotals = results
        .filter((result) => result.admitted)
        .map((result) => result.states[1]!.value)
        .sort((a, b) => a - b);
      expect(admittedTotals).toEqual(Array.from({ length: 14 }, (_, index) => 7 * (index + 1)));
    });

    it('consume keeps the window of an existing counter', async () => {
      const key = freshKey('consume-window');
      const first = await store.increment(key, 1, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const result = await store.consume([{ key, amount: 1, limit: 5, windowMs: 3_600_000 }]);
      expect(result.states[0]!.value).toBe(2);
      expect(Math.abs(result.states[0]!.resetAtMs - first.resetAtMs)).toBeLessThan(1_100);
    });

    it('consume starts a fresh window once a counter expired', async () => {
      const key = freshKey('consume-expired');
      await store.increment(key, 5, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 1_150));
      const result = await store.consume([{ key, amount: 2, limit: 5, windowMs: 60_000 }]);
      expect(result).toMatchObject({ admitted: true, states: [{ value: 2 }] });
      expect(result.states[0]!.resetAtMs - Date.now()).toBeGreaterThan(58_000);
    });

    it('consume rejects negative or non-integer amounts and repeated keys', async () => {
      const key = freshKey('consume-invalid');
      await expect(store.consume([{ key, amount: -1, limit: 5, windowMs: 60_000 }])).rejects.toThrow(/>= 0/);
      await expect(store.consume([{ key, amount: 0.5, limit: 5, windowMs: 60_000 }])).rejects.toThrow(
        /integer/,
      );
      await expect(
        store.consume([
          { key, amount: 1, limit: 5, windowMs: 60_000 },
          { key, amount: 1, limit: 5, windowMs: 60_000 },
        ]),
      ).rejects.toThrow(/at most once/);
      expect(await store.get(key)).toBeUndefined();
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
