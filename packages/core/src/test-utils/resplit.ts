import { expect } from 'vitest';
import { createSeededRandom, randomInteger } from './seeded-random';

export type Split = { label: string; pieces: Uint8Array[] };

/** Cuts `bytes` at the given offsets (ascending). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(bytes.slice(start, cut));
    start = cut;
  }
  pieces.push(bytes.slice(start));
  return pieces;
}

/** Every two-piece split (one per byte boundary), plus one byte at a time. */
export function* everyBoundarySplit(bytes: Uint8Array): Generator<Split> {
  for (let cut = 1; cut < bytes.length; cut++) yield { label: `at ${cut}`, pieces: splitAt(bytes, [cut]) };
  const cuts = Array.from({ length: Math.max(0, bytes.length - 1) }, (_, index) => index + 1);
  yield { label: 'one byte at a time', pieces: splitAt(bytes, cuts) };
}

/** `runs` splits into random pieces of 1..maxPieceBytes (also empty pieces now and then). */
export function* randomSplit(
  bytes: Uint8Array,
  options: { seed?: number; runs?: number; maxPieceBytes?: number } = {},
): Generator<Split> {
  const random = createSeededRandom(options.seed ?? 1);
  const runs = options.runs ?? 40;
  for (let run = 0; run < runs; run++) {
    const maxPiece = randomInteger(random, 1, options.maxPieceBytes ?? 4096);
    const cuts: number[] = [];
    for (let position = 0; ; ) {
      position += randomInteger(random, 0, maxPiece);
      if (position >= bytes.length) break;
      cuts.push(position);
    }
    yield {
      label: `at ${cuts.slice(0, 30).join(',')}${cuts.length > 30 ? ',…' : ''}`,
      pieces: splitAt(bytes, cuts),
    };
  }
}

/**
 * Runs `decode` on the whole input and on many re-splits of it, and asserts every result equals the
 * unsplit one: one byte at a time; a two-piece split at every byte boundary when the input is small
 * (up to `everyBoundaryUpTo`, default 2 KiB); random pieces of 1..4096 and of 1..16 bytes.
 * Returns the unsplit result.
 */
export function expectSameForEverySplit<T>(
  bytes: Uint8Array,
  decode: (pieces: Uint8Array[]) => T,
  options: { seed?: number; runs?: number; everyBoundaryUpTo?: number } = {},
): T {
  const expected = decode([bytes]);
  const expectedJson = JSON.stringify(expected);
  const check = ({ label, pieces }: Split): void => {
    const actual = decode(pieces);
    if (JSON.stringify(actual) !== expectedJson) expect(actual, `split ${label}`).toEqual(expected);
  };
  const seed = options.seed ?? 1;
  if (bytes.length <= (options.everyBoundaryUpTo ?? 2048)) {
    for (const split of everyBoundarySplit(bytes)) check(split);
  } else {
    const cuts = Array.from({ length: Math.max(0, bytes.length - 1) }, (_, index) => index + 1);
    check({ label: 'one byte at a time', pieces: splitAt(bytes, cuts) });
  }
  for (const split of randomSplit(bytes, { seed, runs: options.runs ?? 15 })) check(split);
  for (const split of randomSplit(bytes, { seed: seed + 1, runs: 5, maxPieceBytes: 16 })) check(split);
  return expected;
}
