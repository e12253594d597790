import { describe, expect, it } from 'vitest';
import { quantile, summarizeSamples } from './summarize-samples';

describe('summarizeSamples', () => {
  it('computes order statistics with interpolation', () => {
    const summary = summarizeSamples([5, 1, 4, 2, 3]);
    expect(summary).toEqual({ count: 5, median: 3, p25: 2, p75: 4, mad: 1, min: 1, max: 5, mean: 3 });
  });

  it('interpolates between ranks for even counts', () => {
    expect(summarizeSamples([1, 2, 3, 4]).median).toBe(2.5);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
  });

  it('is robust to one outlier (median and MAD barely move)', () => {
    const summary = summarizeSamples([10, 10, 11, 10, 1_000]);
    expect(summary.median).toBe(10);
    expect(summary.mad).toBe(0);
    expect(summary.mean).toBeGreaterThan(200);
  });

  it('rejects empty samples and quantiles out of range', () => {
    expect(() => summarizeSamples([])).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});
