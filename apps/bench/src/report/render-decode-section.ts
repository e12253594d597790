import type {
  DecodeContenderResult,
  DecodeSizeResult,
  DecodeSuiteResult,
  SteadyStateTiming,
} from '../decode/run-decode-suite';
import type { SampleSummary } from '../harness/summarize-samples';
import { formatMarkdownTable } from './format-markdown-table';
import {
  formatBytes,
  formatInteger,
  formatMicroseconds,
  formatMilliseconds,
  formatRange,
  formatRatio,
  verdict,
} from './format-numbers';
import { pairedRatio } from './paired-ratio';
import { type ChartBar, renderBarChartSvg } from './render-bar-chart-svg';
import { renderProfile } from './render-profile';
import type { RenderedSection } from './rendered-section';
import type { TargetRow } from './target-row';

type PeerPair = { ours: string; peer: string; what: string; target?: number };

const peerPairs: readonly PeerPair[] = [
  {
    ours: 'core-decoder',
    peer: 'eventsource-parser',
    what: 'core decoder + accumulator vs eventsource-parser + JSON.parse',
  },
  { ours: 'ours-ai-sdk', peer: 'official-ai-sdk', what: 'AI SDK `doStream`', target: 4 },
  { ours: 'ours-langchain', peer: 'langchain-openrouter', what: 'LangChain `.stream()`', target: 2 },
  {
    ours: 'ours-langchain-paced',
    peer: 'langchain-openrouter-paced',
    what: 'LangChain `.stream()`, paced reads',
  },
];

const findMeasured = (size: DecodeSizeResult, id: string): DecodeContenderResult | undefined =>
  size.contenders.find((contender) => contender.id === id && contender.status === 'measured');

const findSteady = (size: DecodeSizeResult, id: string): SteadyStateTiming | undefined =>
  size.steadyState?.find((timing) => timing.id === id);

/**
 * Speed-up of ours over the peer: peer time / our time (median of paired rounds), from the main
 * rounds or, with `steady`, from the steady-state rounds (no forced GC between turns).
 */
export function decodeSpeedUp(
  size: DecodeSizeResult,
  pair: { ours: string; peer: string },
  steady = false,
): SampleSummary | undefined {
  const find = steady ? findSteady : findMeasured;
  const ours = find(size, pair.ours)?.roundMedians;
  const peer = find(size, pair.peer)?.roundMedians;
  return ours === undefined || peer === undefined ? undefined : pairedRatio(peer, ours);
}

const speedUpText = (speedUp: SampleSummary): string =>
  speedUp.median >= 1 ? `${formatRatio(speedUp.median)} faster` : `${formatRatio(1 / speedUp.median)} slower`;

/** The steady-state rounds: time per stream, × floor, and ours vs each peer. */
function renderSteadyTable(size: DecodeSizeResult): string {
  const rows: string[][] = [];
  for (const timing of size.steadyState ?? []) {
    const label = size.contenders.find((contender) => contender.id === timing.id)?.label ?? timing.id;
    rows.push([
      label,
      formatMilliseconds(timing.summary.median),
      formatRange(timing.summary.p25, timing.summary.p75, formatMilliseconds),
      timing.ratioToFloor === undefined
        ? ''
        : `${formatRatio(timing.ratioToFloor.median)} (${formatRange(timing.ratioToFloor.p25, timing.ratioToFloor.p75, formatRatio)})`,
    ]);
  }
  const pairs: string[] = [];
  for (const pair of peerPairs) {
    const speedUp = decodeSpeedUp(size, pair, true);
    if (speedUp !== undefined) pairs.push(`${pair.what}: ${speedUpText(speedUp)}`);
  }
  return [
    formatMarkdownTable(
      ['contender', 'time per stream (median)', 'spread (p25 – p75)', '× floor (paired; p25 – p75)'],
      rows,
      ['left', 'right', 'right', 'right'],
    ),
    '',
    `Ours vs peers in these rounds: ${pairs.join('; ')}.`,
  ].join('\n');
}

const statusCell = (contender: DecodeContenderResult): string =>
  contender.status === 'unavailable'
    ? `not measured: ${contender.reason ?? 'unavailable'}`
    : `not timed, wrong output: ${contender.problems.join('; ')}`;

function renderSizeTable(size: DecodeSizeResult): string {
  const rows = size.contenders.map((contender) => {
    if (contender.status !== 'measured' || contender.summary === undefined) {
      return [contender.label, statusCell(contender), '', '', '', '', ''];
    }
    const { summary } = contender;
    return [
      contender.label,
      formatMilliseconds(summary.median),
      formatRange(summary.p25, summary.p75, formatMilliseconds),
      formatMilliseconds(summary.min),
      formatMicroseconds(summary.median / size.chunkCount),
      contender.ratioToFloor === undefined
        ? ''
        : `${formatRatio(contender.ratioToFloor.median)} (${formatRange(contender.ratioToFloor.p25, contender.ratioToFloor.p75, formatRatio)})`,
      String(contender.items ?? ''),
    ];
  });
  return formatMarkdownTable(
    [
      'contender',
      'time per stream (median)',
      'spread (p25 – p75)',
      'fastest',
      'per chunk',
      '× floor (paired; p25 – p75)',
      'items out',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

function renderPeerTable(size: DecodeSizeResult): string {
  const rows: string[][] = [];
  for (const pair of peerPairs) {
    const speedUp = decodeSpeedUp(size, pair);
    if (speedUp === undefined) {
      if (size.contenders.some((contender) => contender.id === pair.ours)) {
        rows.push([
          pair.what,
          'not measured (see above)',
          '',
          pair.target === undefined ? '' : `≥ ${pair.target}×`,
          pair.target === undefined ? '' : verdict(undefined),
        ]);
      }
      continue;
    }
    rows.push([
      pair.what,
      speedUp.median >= 1
        ? `${formatRatio(speedUp.median)} faster`
        : `${formatRatio(1 / speedUp.median)} slower`,
      formatRange(speedUp.p25, speedUp.p75, formatRatio),
      pair.target === undefined ? '(no target)' : `≥ ${pair.target}×`,
      pair.target === undefined ? '' : verdict(speedUp.median >= pair.target),
    ]);
  }
  return formatMarkdownTable(
    [
      'ours vs peer',
      'speed-up (peer time ÷ our time, paired rounds)',
      'spread (p25 – p75)',
      'target',
      'status',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'left'],
  );
}

function chartOf(size: DecodeSizeResult): string {
  const bars: ChartBar[] = [];
  for (const contender of size.contenders) {
    if (contender.status !== 'measured' || contender.summary === undefined) continue;
    bars.push({
      label: contender.label,
      value: contender.summary.median,
      low: contender.summary.p25,
      high: contender.summary.p75,
      series: contender.group,
    });
  }
  return renderBarChartSvg({
    title: `Decoding a ${formatInteger(size.chunkCount)}-chunk OpenRouter stream (${formatBytes(size.bytes)}, ${size.pieces} random pieces of 1–4,096 bytes)`,
    subtitle: 'Lower is better. Same bytes, same pieces, interleaved rounds.',
    bars,
    formatValue: (value) => formatMilliseconds(value),
    axisLabel: 'milliseconds per stream (median; whiskers: p25 – p75)',
  });
}

/** Contenders with a "within N× of the floor" target (core issue; AI SDK issue). */
const floorTargets: readonly { id: string; what: string; limit: number }[] = [
  { id: 'core-decoder', what: 'core decode + accumulate', limit: 1.2 },
  { id: 'ours-ai-sdk', what: 'AI SDK `doStream`', limit: 2.5 },
];

/** `; steady state (no forced GC): …` after a target's measured value, when those rounds ran. */
const steadyNote = (summary: SampleSummary | undefined, format: (ratio: number) => string): string =>
  summary === undefined ? '' : `; steady state, no forced GC: ${format(summary.median)}`;

/** The targets the decoding suite checks (status from the main rounds, GC forced before each turn). */
export function decodeTargets(result: DecodeSuiteResult | undefined): TargetRow[] {
  const size = result?.sizes.find((candidate) => candidate.chunkCount === 2_000) ?? result?.sizes[0];
  const missing = 'suite not run';
  const rows: TargetRow[] = floorTargets.map(({ id, what, limit }) => {
    const measured = size === undefined ? undefined : findMeasured(size, id);
    const ratio = measured?.ratioToFloor;
    return {
      target: `${what} within ${limit}× of the floor (2,000 chunks)`,
      measured:
        ratio === undefined
          ? size === undefined
            ? missing
            : 'not measured'
          : `${formatRatio(ratio.median)} the floor (${formatRange(ratio.p25, ratio.p75, formatRatio)})${steadyNote(size === undefined ? undefined : findSteady(size, id)?.ratioToFloor, (value) => `${formatRatio(value)} the floor`)}`,
      met: ratio === undefined ? undefined : ratio.median <= limit,
    };
  });
  for (const pair of peerPairs) {
    if (pair.target === undefined) continue;
    const speedUp = size === undefined ? undefined : decodeSpeedUp(size, pair);
    rows.push({
      target: `${pair.what} at least ${pair.target}× faster than the peer (2,000 chunks)`,
      measured:
        speedUp === undefined
          ? size === undefined
            ? missing
            : 'not measured'
          : `${formatRatio(speedUp.median)} faster (${formatRange(speedUp.p25, speedUp.p75, formatRatio)})${steadyNote(size === undefined ? undefined : decodeSpeedUp(size, pair, true), (ratio) => `${formatRatio(ratio)} faster`)}`,
      met: speedUp === undefined ? undefined : speedUp.median >= pair.target,
    });
  }
  return rows;
}

export function renderDecodeSection(result: DecodeSuiteResult): RenderedSection {
  const charts: RenderedSection['charts'] = [];
  const parts: string[] = ['## 1. Stream decoding', ''];
  parts.push(
    "The bench generates a realistic OpenRouter stream deterministically (keep-alive comments, reasoning deltas with `reasoning_details` and a closing signature, text with 2-, 3- and 4-byte UTF-8 characters, two tool calls streamed as argument deltas, a finish chunk, a usage chunk, `[DONE]`) and cuts it into random pieces of 1 to 4,096 bytes (seeded). Every contender decodes the same pieces; the framework contenders get them through an in-memory `fetch` whose `Response` body yields one piece per read. Before timing, each contender's output is checked (exact text, reasoning, tool-call arguments, usage): a contender with wrong output is not timed.",
    '',
  );
  for (const size of result.sizes) {
    const chartFile = `decode-${size.chunkCount}.svg`;
    charts.push({ fileName: chartFile, svg: chartOf(size) });
    parts.push(
      `### ${formatInteger(size.chunkCount)} chunks (${formatBytes(size.bytes)}, ${size.pieces} pieces, ${size.keepAlives} keep-alives)`,
      '',
      `${size.settings.warmupIterations} warm-up iterations per contender, then ${size.settings.rounds} interleaved rounds × ${size.settings.iterationsPerRound} iterations (GC before each turn).`,
      '',
      renderSizeTable(size),
      '',
      renderPeerTable(size),
      '',
      `![decoding ${size.chunkCount} chunks](charts/${chartFile})`,
      '',
    );
    if (size.steadyState !== undefined) {
      parts.push(
        `#### Steady state: ${size.settings.steadyStateRounds} more round${size.settings.steadyStateRounds === 1 ? '' : 's'} without the forced GC`,
        '',
        'The rounds above collect garbage before every turn, so no contender pays for another one’s garbage; after such a full collection the JavaScript contenders run slower for their first few iterations (measured separately for the core decoder: about 2× its steady time on the first iteration after a forced collection, back to it after about four), while the floor, which never touches the parsed objects, barely moves. These rounds run the same contenders, still interleaved, with only the engine’s own collections, as in a long-lived server. Target statuses come from the rounds above.',
        '',
        renderSteadyTable(size),
        '',
      );
    }
    const profiled = Object.entries(size.profiles ?? {});
    if (profiled.length > 0) {
      parts.push(
        `CPU profiles at ${formatInteger(size.chunkCount)} chunks (V8 sampling profiler, ${size.settings.profileIterations} iterations of each contender after the timed rounds; self time, so a framework's own work is attributed to the framework's package):`,
        '',
      );
      for (const [id, profile] of profiled) {
        const label = size.contenders.find((contender) => contender.id === id)?.label ?? id;
        parts.push(renderProfile(label.replaceAll('`', ''), profile));
      }
    }
  }
  return { markdown: parts.join('\n'), charts };
}
