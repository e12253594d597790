import { createSeededRandom } from './seeded-random';

export type SplitOptions = {
  /** Same seed, same cut points (default 4_096). */
  seed?: number;
  /** Smallest piece in bytes (default 1). */
  minBytes?: number;
  /** Largest piece in bytes (default 4,096: a typical TCP read). */
  maxBytes?: number;
};

/**
 * Cuts `bytes` into pieces of random sizes, uniform in [minBytes, maxBytes], the way a network
 * delivers a response: boundaries fall anywhere, inside lines, JSON strings and UTF-8 sequences.
 * Every piece owns its own `ArrayBuffer` (a consumer that transfers or detaches one cannot
 * corrupt the next run).
 */
export function splitIntoPieces(bytes: Uint8Array, options: SplitOptions = {}): Uint8Array[] {
  const { seed = 4_096, minBytes = 1, maxBytes = 4_096 } = options;
  if (!Number.isInteger(minBytes) || !Number.isInteger(maxBytes) || minBytes < 1 || maxBytes < minBytes) {
    throw new RangeError(
      `Piece sizes must be integers with 1 <= minBytes <= maxBytes, got ${minBytes}..${maxBytes}`,
    );
  }
  const random = createSeededRandom(seed);
  const pieces: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = Math.min(random.integer(minBytes, maxBytes), bytes.length - offset);
    pieces.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}
