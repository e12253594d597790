import { collectGarbage } from './collect-garbage';
import { type SampleSummary, summarizeSamples } from './summarize-samples';

export type TimedContender = {
  name: string;
  /** One iteration (e.g. decode one whole stream). Its result is kept alive until the next call. */
  run: () => unknown;
};

export type InterleavedOptions = {
  /** Untimed iterations per contender before the first round (JIT warm-up). */
  warmupIterations: number;
  /** Rounds; each round runs every contender, in a rotated order. */
  rounds: number;
  /** Timed iterations per contender per round. */
  iterationsPerRound: number;
  /** Collect garbage before each contender's turn (default true). */
  collectGarbage?: boolean;
  onProgress?: (message: string) => void;
};

export type ContenderTiming = {
  name: string;
  /** Every timed iteration, in milliseconds. */
  samples: number[];
  /** Median of each round, in milliseconds (for paired, round-by-round ratios). */
  roundMedians: number[];
  summary: SampleSummary;
};

/** Keeps results reachable so no engine can skip the work that produced them. */
const sink: unknown[] = [undefined];

const runOnce = async (contender: TimedContender): Promise<number> => {
  const start = performance.now();
  const result = contender.run();
  sink[0] = result instanceof Promise ? await result : result;
  return performance.now() - start;
};

/**
 * Measures contenders side by side: warm-up, then `rounds` rounds in which every contender runs
 * `iterationsPerRound` timed iterations, the starting contender rotating each round so no one
 * always runs first (or right after the same neighbour) while the machine drifts. Garbage is
 * collected before each turn.
 */
export async function measureInterleaved(
  contenders: readonly TimedContender[],
  options: InterleavedOptions,
): Promise<ContenderTiming[]> {
  const gcBetween = options.collectGarbage ?? true;
  const timings = contenders.map(
    (contender): ContenderTiming => ({
      name: contender.name,
      samples: [],
      roundMedians: [],
      summary: summarizeSamples([0]),
    }),
  );
  for (const contender of contenders) {
    for (let iteration = 0; iteration < options.warmupIterations; iteration++) await runOnce(contender);
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const index = (round + turn) % contenders.length;
      const contender = contenders[index] as TimedContender;
      const timing = timings[index] as ContenderTiming;
      if (gcBetween) collectGarbage();
      const roundSamples: number[] = [];
      for (let iteration = 0; iteration < options.iterationsPerRound; iteration++) {
        roundSamples.push(await runOnce(contender));
      }
      timing.samples.push(...roundSamples);
      timing.roundMedians.push(summarizeSamples(roundSamples).median);
    }
    options.onProgress?.(`round ${round + 1}/${options.rounds}`);
  }
  sink[0] = undefined;
  for (const timing of timings) timing.summary = summarizeSamples(timing.samples);
  return timings;
}

/** Round-by-round ratios `numerator / denominator` (paired: both ran in the same round). */
export function pairedRatios(numerator: ContenderTiming, denominator: ContenderTiming): SampleSummary {
  const ratios = numerator.roundMedians.map(
    (value, round) => value / (denominator.roundMedians[round] as number),
  );
  return summarizeSamples(ratios);
}
