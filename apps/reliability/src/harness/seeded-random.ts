/** A small deterministic PRNG (mulberry32): the same seed gives the same abort points on every run. */
export type SeededRandom = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  integer(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
};

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs at least one item');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

/** The suite's seed: `RELIABILITY_SEED` when set (to replay a run), otherwise a fixed default. */
export const suiteSeed: number = Number.parseInt(process.env.RELIABILITY_SEED ?? '', 10) || 20_260_822;
