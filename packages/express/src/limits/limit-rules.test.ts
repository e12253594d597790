import { describe, expect, it } from 'vitest';
import { describeDuration, describeWindow, limitsIssues, normalizeLimits } from './limit-rules';

describe('normalizeLimits', () => {
  it('turns shorthands and custom windows into rules (USD in micro-dollars)', () => {
    expect(
      normalizeLimits({
        requestsPerMinute: 20,
        tokensPerDay: 100_000,
        usdPerDay: 1.5,
        concurrentStreams: 2,
        windows: [{ metric: 'requests', limit: 5, windowMs: 10_000 }],
      }),
    ).toEqual({
      rules: [
        { metric: 'requests', configured: 20, limit: 20, windowMs: 60_000 },
        { metric: 'tokens', configured: 100_000, limit: 100_000, windowMs: 86_400_000 },
        { metric: 'usd', configured: 1.5, limit: 1_500_000, windowMs: 86_400_000 },
        { metric: 'requests', configured: 5, limit: 5, windowMs: 10_000 },
      ],
      concurrentStreams: 2,
    });
  });

  it('keeps the stricter of two limits on the same metric and window (they share one counter)', () => {
    expect(
      normalizeLimits({ tokensPerMinute: 500, windows: [{ metric: 'tokens', limit: 300, windowMs: 60_000 }] })
        .rules,
    ).toEqual([{ metric: 'tokens', configured: 300, limit: 300, windowMs: 60_000 }]);
    expect(
      normalizeLimits({ usdPerDay: 1, windows: [{ metric: 'usd', limit: 2, windowMs: 86_400_000 }] }).rules,
    ).toEqual([{ metric: 'usd', configured: 1, limit: 1_000_000, windowMs: 86_400_000 }]);
  });
});

describe('limitsIssues', () => {
  it('ignores keys set to undefined (spread-friendly)', () => {
    expect(
      limitsIssues({
        usdPerDay: undefined,
        windows: undefined,
        concurrentStreams: undefined,
        requestsPerMinute: 5,
      }),
    ).toEqual([]);
  });

  it('names every problem', () => {
    expect(
      limitsIssues({
        requestsPerMinute: -1,
        usdPerDay: 'one',
        concurrentStreams: 1.5,
        requestPerMinute: 3,
        windows: [{ metric: 'cost', limit: 1, windowMs: 10 }],
      }),
    ).toEqual([
      { path: 'requestsPerMinute', message: 'must be a number >= 0' },
      { path: 'usdPerDay', message: 'must be a number >= 0' },
      { path: 'concurrentStreams', message: 'must be an integer >= 0' },
      expect.objectContaining({
        path: 'requestPerMinute',
        message: expect.stringMatching(/is not a limit; use requestsPerMinute/),
      }),
      { path: 'windows[0].metric', message: 'must be "requests", "tokens" or "usd"' },
      { path: 'windows[0].windowMs', message: 'must be an integer number of milliseconds >= 1000' },
    ]);
  });
});

describe('wording', () => {
  it('describes windows and waits in plain words', () => {
    expect(describeWindow(60_000)).toBe('minute');
    expect(describeWindow(86_400_000)).toBe('day');
    expect(describeWindow(30 * 86_400_000)).toBe('30 days');
    expect(describeWindow(90_000)).toBe('90 seconds');
    expect(describeDuration(400)).toBe('1 s');
    expect(describeDuration(125_000)).toBe('3 min');
    expect(describeDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
  });
});
