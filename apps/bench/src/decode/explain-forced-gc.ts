// `pnpm bench:forced-gc`: why the decode suite's main rounds (a full garbage collection before
// every turn) are slower than its steady-state rounds for our JavaScript contenders, and where the
// extra time goes. A diagnostic for apps/bench/README.md#missed-targets, not a suite: nothing here
// decides a target.
//
// For the floor, the core decoder and our AI SDK `doStream`, on the suite's 2,000-chunk stream:
//   1. interleaved rounds with and without the forced collection: time per stream, ratio to the
//      floor, and (forced rounds) the median of each iteration after the collection;
//   2. how many iterations it takes to get back to the steady time after one forced collection;
//   3. CPU profiles of the same rounds, self time per stream by package.
import { collectGarbage } from '../harness/collect-garbage';
import { type ContenderTiming, measureInterleaved, pairedRatios } from '../harness/measure-interleaved';
import { profileCpu } from '../harness/profile-cpu';
import { summarizeSamples } from '../harness/summarize-samples';
import { formatMarkdownTable } from '../report/format-markdown-table';
import { formatMilliseconds, formatRatio } from '../report/format-numbers';
import { generateOpenRouterStream } from '../stream/generate-openrouter-stream';
import { splitIntoPieces } from '../stream/split-into-pieces';
import { decodeContenders } from './decode-contenders';
import { fullDecodeSettings } from './run-decode-suite';

const contenderIds = ['floor', 'core-decoder', 'ours-ai-sdk'] as const;
const rounds = 12;
const iterationsPerRound = 5;
const profiledIds = ['core-decoder', 'ours-ai-sdk'] as const;

if ((globalThis as { gc?: unknown }).gc === undefined) {
  throw new Error('run with --expose-gc (pnpm --filter @openrouter-adapters/bench bench:forced-gc)');
}

const stream = generateOpenRouterStream({ chunkCount: 2_000, seed: fullDecodeSettings.streamSeed });
const pieces = splitIntoPieces(stream.bytes, { seed: fullDecodeSettings.splitSeed });
const timed = await Promise.all(
  contenderIds.map(async (id) => {
    const contender = decodeContenders.find((candidate) => candidate.id === id);
    if (contender === undefined) throw new Error(`no decode contender ${id}`);
    const runner = await contender.create({ stream, pieces });
    return { name: id, run: runner.run };
  }),
);

const measure = (collectGarbageFirst: boolean, warmupIterations: number): Promise<ContenderTiming[]> =>
  measureInterleaved(timed, {
    warmupIterations,
    rounds,
    iterationsPerRound,
    collectGarbage: collectGarbageFirst,
  });
const forced = await measure(true, 20);
const steady = await measure(false, 0);

const byName = (timings: ContenderTiming[], name: string): ContenderTiming => {
  const timing = timings.find((candidate) => candidate.name === name);
  if (timing === undefined) throw new Error(`no timing for ${name}`);
  return timing;
};
/** Median of the n-th iteration after each round's start (samples are stored round by round). */
const iterationMedians = (timing: ContenderTiming): string =>
  Array.from(
    { length: iterationsPerRound },
    (_, position) =>
      summarizeSamples(timing.samples.filter((_, index) => index % iterationsPerRound === position)).median,
  )
    .map((value) => value.toFixed(1))
    .join(' · ');

const timingRows = contenderIds.map((id) => {
  const withCollection = byName(forced, id);
  const without = byName(steady, id);
  return [
    id,
    formatMilliseconds(withCollection.summary.median),
    formatRatio(pairedRatios(withCollection, byName(forced, 'floor')).median),
    iterationMedians(withCollection),
    formatMilliseconds(without.summary.median),
    formatRatio(pairedRatios(without, byName(steady, 'floor')).median),
  ];
});

process.stdout.write(
  `## Forced full collection before each turn vs none (${rounds} rounds × ${iterationsPerRound} iterations, interleaved)\n\n${formatMarkdownTable(
    [
      'contender',
      'forced GC: per stream',
      '× floor',
      'iterations 1–5 after the GC (ms)',
      'no forced GC: per stream',
      '× floor',
    ],
    timingRows,
    ['left', 'right', 'right', 'right', 'right', 'right'],
  )}\n\n`,
);

const recoveryIterations = 25;
const recoveryTrials = 3;
const recoveryRows: string[][] = [];
for (const id of profiledIds) {
  const contender = timed.find((candidate) => candidate.name === id);
  if (contender === undefined) continue;
  const byPosition: number[][] = Array.from({ length: recoveryIterations }, () => []);
  for (let trial = 0; trial < recoveryTrials; trial++) {
    collectGarbage();
    for (let iteration = 0; iteration < recoveryIterations; iteration++) {
      const start = performance.now();
      await contender.run();
      byPosition[iteration]?.push(performance.now() - start);
    }
  }
  recoveryRows.push([
    id,
    formatMilliseconds(byName(steady, id).summary.median),
    byPosition.map((samples) => summarizeSamples(samples).median.toFixed(1)).join(' '),
  ]);
}

process.stdout.write(
  `## After one forced collection: each of the next ${recoveryIterations} iterations (median of ${recoveryTrials} trials, ms)\n\n${formatMarkdownTable(
    ['contender', 'steady time', 'iterations 1, 2, 3, …'],
    recoveryRows,
    ['left', 'right', 'left'],
  )}\n\n`,
);

const profileRows: string[][] = [];
for (const id of profiledIds) {
  const contender = timed.find((candidate) => candidate.name === id);
  if (contender === undefined) continue;
  for (const collectGarbageFirst of [true, false]) {
    const profile = await profileCpu(async () => {
      for (let round = 0; round < rounds; round++) {
        if (collectGarbageFirst) collectGarbage();
        for (let iteration = 0; iteration < iterationsPerRound; iteration++) await contender.run();
      }
    });
    const perStream = (milliseconds: number): string =>
      (milliseconds / (rounds * iterationsPerRound)).toFixed(2);
    profileRows.push([
      id,
      collectGarbageFirst ? 'forced GC' : 'none',
      perStream(profile.sampledMs - profile.idleMs),
      profile.packages
        .slice(0, 5)
        .map((entry) => `${entry.name} ${perStream(entry.selfMs)}`)
        .join(' · '),
    ]);
  }
}

process.stdout.write(
  `## Self time per stream by package (V8 sampling profiler; the forced collection itself counts as GC)\n\n${formatMarkdownTable(
    ['contender', 'collection', 'busy ms per stream', 'largest packages (ms per stream)'],
    profileRows,
    ['left', 'left', 'right', 'left'],
  )}\n`,
);
