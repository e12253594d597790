/** A deterministic pseudo-random source: `next()` in [0, 1), `integer(min, max)` inclusive. */
export type SeededRandom = {
  next(): number;
  integer(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
};

/**
 * Mulberry32: tiny, fast and good enough to make benchmark inputs reproducible across runs,
 * machines and Node versions (it uses only 32-bit integer arithmetic).
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    integer(min: number, max: number): number {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() needs a non-empty list');
      return item;
    },
  };
}
