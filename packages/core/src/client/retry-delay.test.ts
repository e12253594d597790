import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay';

const policy = { initialRetryDelayMs: 500, maxRetryDelayMs: 8_000 };

describe('retryDelayMs', () => {
  it('uses full jitter over an exponential cap', () => {
    expect(retryDelayMs(0, undefined, policy, () => 1)).toBe(500);
    expect(retryDelayMs(1, undefined, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, undefined, policy, () => 1)).toBe(4_000);
    expect(retryDelayMs(10, undefined, policy, () => 1)).toBe(8_000);
    expect(retryDelayMs(3, undefined, policy, () => 0)).toBe(0);
    expect(retryDelayMs(2, undefined, policy, () => 0.5)).toBe(1_000);
    for (let index = 0; index < 1_000; index++) {
      const delay = retryDelayMs(2, undefined, policy) ?? -1;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });

  it('honours a hint up to the maximum and fails fast beyond it', () => {
    expect(retryDelayMs(0, 3_000, policy)).toBe(3_000);
    expect(retryDelayMs(0, 0, policy)).toBe(0);
    expect(retryDelayMs(0, 8_000, policy)).toBe(8_000);
    expect(retryDelayMs(0, 8_001, policy)).toBeUndefined();
  });
});
