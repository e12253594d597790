import { describe, expect, it } from 'vitest';
import { splitIntoPieces } from './split-into-pieces';

const bytes = new Uint8Array(100_000).map((_value, index) => index % 251);

const join = (pieces: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
};

describe('splitIntoPieces', () => {
  it('loses and reorders nothing', () => {
    expect(join(splitIntoPieces(bytes))).toEqual(bytes);
  });

  it('keeps every piece within 1..4,096 bytes by default, with varied sizes', () => {
    const pieces = splitIntoPieces(bytes);
    for (const piece of pieces) {
      expect(piece.length).toBeGreaterThanOrEqual(1);
      expect(piece.length).toBeLessThanOrEqual(4_096);
    }
    expect(new Set(pieces.map((piece) => piece.length)).size).toBeGreaterThan(pieces.length / 2);
  });

  it('is deterministic per seed', () => {
    const sizes = (seed: number) => splitIntoPieces(bytes, { seed }).map((piece) => piece.length);
    expect(sizes(7)).toEqual(sizes(7));
    expect(sizes(7)).not.toEqual(sizes(8));
  });

  it('honours custom bounds', () => {
    const pieces = splitIntoPieces(bytes, { minBytes: 10, maxBytes: 20 });
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(10);
      expect(piece.length).toBeLessThanOrEqual(20);
    }
  });

  it('gives every piece its own buffer', () => {
    const [first, second] = splitIntoPieces(bytes);
    expect(first?.buffer).not.toBe(second?.buffer);
  });

  it('rejects impossible bounds', () => {
    expect(() => splitIntoPieces(bytes, { minBytes: 0 })).toThrow(RangeError);
    expect(() => splitIntoPieces(bytes, { minBytes: 5, maxBytes: 4 })).toThrow(RangeError);
  });
});
