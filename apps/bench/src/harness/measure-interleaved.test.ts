import { describe, expect, it } from 'vitest';
import { measureInterleaved, pairedRatios } from './measure-interleaved';

describe('measureInterleaved', () => {
  it('warms up, then runs every contender rounds × iterations times, rotating who goes first', async () => {
    const calls: string[] = [];
    const contender = (name: string) => ({ name, run: () => calls.push(name) });
    const timings = await measureInterleaved([contender('a'), contender('b'), contender('c')], {
      warmupIterations: 2,
      rounds: 3,
      iterationsPerRound: 2,
      collectGarbage: false,
    });
    expect(calls.slice(0, 6)).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    const rounds = calls.slice(6);
    expect(rounds).toEqual([
      'a',
      'a',
      'b',
      'b',
      'c',
      'c',
      'b',
      'b',
      'c',
      'c',
      'a',
      'a',
      'c',
      'c',
      'a',
      'a',
      'b',
      'b',
    ]);
    for (const timing of timings) {
      expect(timing.samples).toHaveLength(6);
      expect(timing.roundMedians).toHaveLength(3);
      expect(timing.summary.count).toBe(6);
    }
  });

  it('awaits asynchronous contenders', async () => {
    let finished = 0;
    await measureInterleaved(
      [
        {
          name: 'async',
          run: () => new Promise<void>((resolve) => setTimeout(() => resolve(void finished++), 1)),
        },
      ],
      { warmupIterations: 0, rounds: 2, iterationsPerRound: 2, collectGarbage: false },
    );
    expect(finished).toBe(4);
  });

  it('pairs ratios round by round', () => {
    const timing = (name: string, roundMedians: number[]) => ({
      name,
      samples: roundMedians,
      roundMedians,
      summary: { count: 0, median: 0, p25: 0, p75: 0, mad: 0, min: 0, max: 0, mean: 0 },
    });
    const ratio = pairedRatios(timing('slow', [4, 8, 12]), timing('fast', [2, 2, 4]));
    expect(ratio.median).toBe(3);
    expect(ratio.min).toBe(2);
    expect(ratio.max).toBe(4);
  });
});
