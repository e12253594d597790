import { describe, expect, it, vi } from 'vitest';
import { readAhead } from './read-ahead';

async function* numbers(count: number, delayMs = 0): AsyncGenerator<number> {
  for (let index = 0; index < count; index += 1) {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    yield index;
  }
}

describe('readAhead', () => {
  it('hands over everything that is already there as one batch, in order', async () => {
    const batches: number[][] = [];
    for await (const batch of readAhead(numbers(100), async () => {})) batches.push(batch);
    expect(batches.flat()).toEqual(Array.from({ length: 100 }, (_, index) => index));
    expect(batches.length).toBeLessThan(10);
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
  });

  it('passes items one by one when they arrive slower than they are consumed', async () => {
    const batches: number[][] = [];
    for await (const batch of readAhead(numbers(5, 5), async () => {})) batches.push(batch);
    expect(batches).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('never buffers more than the high-water mark', async () => {
    const sizes: number[] = [];
    for await (const batch of readAhead(numbers(50), async () => {}, 8)) sizes.push(batch.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(50);
  });

  it('calls stop when the consumer leaves early, and not after a complete read', async () => {
    const stop = vi.fn(async () => {});
    for await (const batch of readAhead(numbers(1000, 1), stop)) {
      if (batch.includes(2)) break;
    }
    expect(stop).toHaveBeenCalledTimes(1);
    const unused = vi.fn(async () => {});
    for await (const _ of readAhead(numbers(3), unused)) {
      // read to the end
    }
    expect(unused).not.toHaveBeenCalled();
  });

  it('rethrows a source failure after the items received before it', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('boom');
    }
    const received: number[] = [];
    await expect(
      (async () => {
        for await (const batch of readAhead(failing(), async () => {})) received.push(...batch);
      })(),
    ).rejects.toThrow('boom');
    expect(received).toEqual([1]);
  });
});
