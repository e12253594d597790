import { loadavg } from 'node:os';
import { measureInterleaved, pairedRatios, type TimedContender } from '../harness/measure-interleaved';
import { type CpuProfileSummary, profileCpu } from '../harness/profile-cpu';
import type { SampleSummary } from '../harness/summarize-samples';
import { generateOpenRouterStream } from '../stream/generate-openrouter-stream';
import { splitIntoPieces } from '../stream/split-into-pieces';
import type { DecodeContenderGroup, DecodeRunner } from './decode-contender';
import { decodeContenders, pacedContenderIds } from './decode-contenders';
import { verifyOutcome } from './verify-outcome';

export type DecodeSizeSettings = {
  chunkCount: number;
  warmupIterations: number;
  rounds: number;
  iterationsPerRound: number;
  /** Include the paced LangChain variants at this size. */
  paced: boolean;
  /** After timing, profile our contenders and their peers for this many iterations each (0: no profiles). */
  profileIterations: number;
  /**
   * After the main rounds, this many more rounds without the forced GC before each turn (0: none):
   * the steady state of a long-lived process, where only the engine's own collections run.
   */
  steadyStateRounds?: number;
};

/** One contender in the steady-state rounds (no forced GC between turns). */
export type SteadyStateTiming = {
  id: string;
  summary: SampleSummary;
  roundMedians: number[];
  ratioToFloor?: SampleSummary;
};

export type DecodeSuiteSettings = {
  sizes: DecodeSizeSettings[];
  streamSeed: number;
  splitSeed: number;
};

export type DecodeContenderResult = {
  id: string;
  label: string;
  group: DecodeContenderGroup;
  measures: string;
  /** `measured`; `unavailable` (could not be imported or set up); `insane` (wrong output, not timed). */
  status: 'measured' | 'unavailable' | 'insane';
  reason?: string;
  problems: string[];
  /** Events, parts or chunks the consumer received in one run. */
  items?: number;
  /** Milliseconds per stream. */
  summary?: SampleSummary;
  roundMedians?: number[];
  /** Paired round-by-round ratio to the floor. */
  ratioToFloor?: SampleSummary;
};

export type DecodeSizeResult = {
  chunkCount: number;
  bytes: number;
  pieces: number;
  keepAlives: number;
  settings: DecodeSizeSettings;
  contenders: DecodeContenderResult[];
  /** CPU profiles (self time by function and package), by contender id. */
  profiles: Record<string, CpuProfileSummary>;
  /** The steady-state rounds, when `steadyStateRounds` asked for them. */
  steadyState?: SteadyStateTiming[];
};

export type DecodeSuiteResult = {
  suite: 'decode';
  settings: DecodeSuiteSettings;
  loadAverage: { start: number[]; end: number[] };
  sizes: DecodeSizeResult[];
};

export const fullDecodeSettings: DecodeSuiteSettings = {
  streamSeed: 2_000,
  splitSeed: 4_096,
  sizes: [
    {
      chunkCount: 2_000,
      warmupIterations: 20,
      rounds: 12,
      iterationsPerRound: 5,
      paced: true,
      profileIterations: 40,
      steadyStateRounds: 12,
    },
    {
      chunkCount: 20_000,
      warmupIterations: 3,
      rounds: 8,
      iterationsPerRound: 2,
      paced: false,
      profileIterations: 0,
    },
  ],
};

export const smokeDecodeSettings: DecodeSuiteSettings = {
  streamSeed: 2_000,
  splitSeed: 4_096,
  sizes: [
    {
      chunkCount: 40,
      warmupIterations: 1,
      rounds: 2,
      iterationsPerRound: 2,
      paced: true,
      profileIterations: 2,
      steadyStateRounds: 1,
    },
  ],
};

/** Ours and the peers they are compared with: profiled after timing, to explain the ratios. */
const profiledContenderIds: readonly string[] = [
  'core-decoder',
  'ours-ai-sdk',
  'official-ai-sdk',
  'ours-langchain',
  'langchain-openrouter',
];

const errorMessage = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}`.split('\n')[0]! : String(error);

async function runSize(
  size: DecodeSizeSettings,
  settings: DecodeSuiteSettings,
  log: (message: string) => void,
): Promise<DecodeSizeResult> {
  const stream = generateOpenRouterStream({ chunkCount: size.chunkCount, seed: settings.streamSeed });
  const pieces = splitIntoPieces(stream.bytes, { seed: settings.splitSeed });
  const input = { stream, pieces };
  const results: DecodeContenderResult[] = [];
  const timed: TimedContender[] = [];
  const timedResults: DecodeContenderResult[] = [];
  const contenders = decodeContenders.filter(
    (contender) => size.paced || !pacedContenderIds.includes(contender.id),
  );
  for (const contender of contenders) {
    const result: DecodeContenderResult = {
      id: contender.id,
      label: contender.label,
      group: contender.group,
      measures: contender.measures,
      status: 'unavailable',
      problems: [],
    };
    results.push(result);
    let runner: DecodeRunner;
    try {
      runner = await contender.create(input);
      const outcome = await runner.inspect();
      result.items = outcome.items;
      result.problems = verifyOutcome(outcome, stream, contender.group);
    } catch (error) {
      result.reason = errorMessage(error);
      log(`  ${contender.id}: unavailable (${result.reason})`);
      continue;
    }
    if (result.problems.length > 0) {
      result.status = 'insane';
      log(`  ${contender.id}: wrong output, not timed: ${result.problems.join('; ')}`);
      continue;
    }
    result.status = 'measured';
    timed.push({ name: contender.id, run: runner.run });
    timedResults.push(result);
  }
  log(
    `  ${size.chunkCount} chunks, ${stream.bytes.length} bytes, ${pieces.length} pieces: ${timed.length} contenders`,
  );
  const timings = await measureInterleaved(timed, {
    warmupIterations: size.warmupIterations,
    rounds: size.rounds,
    iterationsPerRound: size.iterationsPerRound,
    onProgress: (message) => log(`  ${size.chunkCount} chunks: ${message}`),
  });
  const floor = timings.find((timing) => timing.name === 'floor');
  timings.forEach((timing, index) => {
    const result = timedResults[index] as DecodeContenderResult;
    result.summary = timing.summary;
    result.roundMedians = timing.roundMedians;
    if (floor !== undefined) result.ratioToFloor = pairedRatios(timing, floor);
  });
  let steadyState: SteadyStateTiming[] | undefined;
  if ((size.steadyStateRounds ?? 0) > 0) {
    const steady = await measureInterleaved(timed, {
      warmupIterations: 0,
      rounds: size.steadyStateRounds ?? 0,
      iterationsPerRound: size.iterationsPerRound,
      collectGarbage: false,
      onProgress: (message) => log(`  ${size.chunkCount} chunks, steady state: ${message}`),
    });
    const steadyFloor = steady.find((timing) => timing.name === 'floor');
    steadyState = steady.map((timing) => ({
      id: timing.name,
      summary: timing.summary,
      roundMedians: timing.roundMedians,
      ...(steadyFloor === undefined ? {} : { ratioToFloor: pairedRatios(timing, steadyFloor) }),
    }));
  }
  const profiles: Record<string, CpuProfileSummary> = {};
  if (size.profileIterations > 0) {
    for (const contender of timed) {
      if (!profiledContenderIds.includes(contender.name)) continue;
      profiles[contender.name] = await profileCpu(async () => {
        for (let iteration = 0; iteration < size.profileIterations; iteration++) await contender.run();
      });
    }
    log(`  ${size.chunkCount} chunks: profiled ${Object.keys(profiles).join(', ')}`);
  }
  return {
    profiles,
    ...(steadyState === undefined ? {} : { steadyState }),
    chunkCount: stream.chunkCount,
    bytes: stream.bytes.length,
    pieces: pieces.length,
    keepAlives: stream.keepAliveCount,
    settings: size,
    contenders: results,
  };
}

/** Suite 1: the generated stream through every decoding contender, interleaved, at each size. */
export async function runDecodeSuite(
  settings: DecodeSuiteSettings,
  log: (message: string) => void,
): Promise<DecodeSuiteResult> {
  const start = loadavg();
  const sizes: DecodeSizeResult[] = [];
  for (const size of settings.sizes) sizes.push(await runSize(size, settings, log));
  return { suite: 'decode', settings, loadAverage: { start, end: loadavg() }, sizes };
}
