import { describe, expect, it } from 'vitest';
import { TextBuilder } from './text-builder';

describe('TextBuilder', () => {
  it('joins pieces in order across block boundaries and caches the result', () => {
    const builder = new TextBuilder();
    expect(builder.isEmpty).toBe(true);
    expect(builder.toString()).toBe('');
    const pieces = Array.from({ length: 1000 }, (_, index) => `${index},`);
    for (const piece of pieces.slice(0, 600)) builder.append(piece);
    expect(builder.toString()).toBe(pieces.slice(0, 600).join(''));
    for (const piece of pieces.slice(600)) builder.append(piece);
    expect(builder.toString()).toBe(pieces.join(''));
    expect(builder.toString()).toBe(pieces.join(''));
    expect(builder.isEmpty).toBe(false);
  });

  it('counts an appended empty string as content', () => {
    const builder = new TextBuilder();
    builder.append('');
    expect(builder.isEmpty).toBe(false);
    expect(builder.toString()).toBe('');
  });
});
