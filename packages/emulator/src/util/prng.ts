/** A small, fast, seedable PRNG (sfc32). Same seed → same sequence, on every platform. */
export type Prng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
};

/**
 * `seed`: a number, bytes, or a hex string (its first 32 digits are used). `salt` derives independent
 * streams from one seed (content, reasoning, tool arguments) without hashing again.
 */
export function createPrng(seed: Uint8Array | number | string, salt = 0): Prng {
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  if (typeof seed === 'string') {
    const word = (offset: number): number =>
      Number.parseInt(seed.slice(offset, offset + 8).padEnd(8, '0'), 16) >>> 0;
    a = word(0);
    b = word(8) || 0x9e3779b9;
    c = word(16) || 0x243f6a88;
    d = word(24) || 0xb7e15162;
  } else if (typeof seed === 'number') {
    a = seed >>> 0;
    b = 0x9e3779b9;
    c = 0x243f6a88;
    d = 0xb7e15162;
  } else {
    const view = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
    const word = (offset: number): number => (seed.byteLength >= offset + 4 ? view.getUint32(offset) : 0);
    a = word(0);
    b = word(4) || 0x9e3779b9;
    c = word(8) || 0x243f6a88;
    d = word(12) || 0xb7e15162;
  }
  a = (a ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  d = (d ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let index = 0; index < 12; index++) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
