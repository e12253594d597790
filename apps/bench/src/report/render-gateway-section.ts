import type {
  FastRound,
  GatewayContenderStatus,
  GatewaySuiteResult,
  LoadRound,
  PacedRound,
} from '../gateway/run-gateway-suite';
import type { ServerKind } from '../gateway/server-kind';
import { type SampleSummary, summarizeSamples } from '../harness/summarize-samples';
import { formatMarkdownTable } from './format-markdown-table';
import { formatMilliseconds, formatNumber, formatRange } from './format-numbers';
import { type ChartBar, renderBarChartSvg } from './render-bar-chart-svg';
import { renderProfile } from './render-profile';
import type { RenderedSection } from './rendered-section';
import type { TargetRow } from './target-row';

/** Per-round `pick(contender) − pick(direct)` (both measured in the same round), summarised. */
function addedOverDirect<T>(
  rounds: Partial<Record<ServerKind, T[]>>,
  kind: ServerKind,
  pick: (round: T) => number,
): SampleSummary | undefined {
  const direct = rounds.emulator;
  const through = rounds[kind];
  if (direct === undefined || through === undefined || through.length === 0) return undefined;
  const differences = through
    .map((round, index) => {
      const baseline = direct[index];
      return baseline === undefined ? Number.NaN : pick(round) - pick(baseline);
    })
    .filter((value) => Number.isFinite(value));
  return differences.length === 0 ? undefined : summarizeSamples(differences);
}

function ratioToDirect<T>(
  rounds: Partial<Record<ServerKind, T[]>>,
  kind: ServerKind,
  pick: (round: T) => number,
): SampleSummary | undefined {
  const direct = rounds.emulator;
  const through = rounds[kind];
  if (direct === undefined || through === undefined || through.length === 0) return undefined;
  const ratios = through
    .map((round, index) => {
      const baseline = direct[index];
      return baseline === undefined ? Number.NaN : pick(round) / pick(baseline);
    })
    .filter((value) => Number.isFinite(value));
  return ratios.length === 0 ? undefined : summarizeSamples(ratios);
}

const medianOf = <T>(rounds: T[] | undefined, pick: (round: T) => number): number | undefined =>
  rounds === undefined || rounds.length === 0 ? undefined : summarizeSamples(rounds.map(pick)).median;

const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${formatMilliseconds(Math.abs(value))}`;

const addedCell = (summary: SampleSummary | undefined): string =>
  summary === undefined ? '' : `${signed(summary.median)} (${formatRange(summary.min, summary.max, signed)})`;

const percent = (value: number): string => `${formatNumber(value * 100)} %`;

const unavailableCell = (status: GatewayContenderStatus, shape: 'json' | 'stream'): string | undefined => {
  if (status.status !== 'measured') return `not measured: ${status.reason ?? 'unavailable'}`;
  const failure = shape === 'json' ? status.jsonFailure : status.streamFailure;
  return failure === undefined ? undefined : `not measured: ${failure}`;
};

function nonStreamedTable(result: GatewaySuiteResult, concurrency: number): string {
  const block = result.nonStreamed.find((candidate) => candidate.concurrency === concurrency);
  if (block === undefined) return '';
  const rows = result.contenders.map((status) => {
    const missing = unavailableCell(status, 'json');
    if (missing !== undefined) return [status.label, missing, '', '', '', '', '', ''];
    const rounds = block.rounds[status.kind];
    const p50 = medianOf(rounds, (round: LoadRound) => round.p50Ms);
    const p99 = medianOf(rounds, (round: LoadRound) => round.p99Ms);
    const rps = medianOf(rounds, (round: LoadRound) => round.requestsPerSecond);
    const failed = (rounds ?? []).reduce((total, round) => total + round.failed, 0);
    const isDirect = status.kind === 'emulator';
    const throughput = ratioToDirect(
      block.rounds,
      status.kind,
      (round: LoadRound) => round.requestsPerSecond,
    );
    return [
      status.label,
      p50 === undefined ? '' : formatMilliseconds(p50),
      p99 === undefined ? '' : formatMilliseconds(p99),
      rps === undefined ? '' : formatNumber(rps),
      isDirect
        ? '—'
        : addedCell(addedOverDirect(block.rounds, status.kind, (round: LoadRound) => round.p50Ms)),
      isDirect
        ? '—'
        : addedCell(addedOverDirect(block.rounds, status.kind, (round: LoadRound) => round.p99Ms)),
      isDirect || throughput === undefined
        ? '—'
        : `${percent(throughput.median)} (${formatRange(throughput.min, throughput.max, percent)})`,
      String(failed),
    ];
  });
  return formatMarkdownTable(
    [
      'server',
      'p50',
      'p99',
      'requests/s',
      'added p50 (min – max over rounds)',
      'added p99',
      'throughput vs direct',
      'failed',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

function streamedTable(result: GatewaySuiteResult): string {
  const rows = result.contenders.map((status) => {
    const missing = unavailableCell(status, 'stream');
    if (missing !== undefined) return [status.label, missing, '', '', '', '', ''];
    const isDirect = status.kind === 'emulator';
    const ttft = medianOf(result.pacedStream[status.kind], (round: PacedRound) => round.ttftMs);
    const gap = medianOf(result.pacedStream[status.kind], (round: PacedRound) => round.gapMs);
    const last = medianOf(result.fastStream[status.kind], (round: FastRound) => round.lastChunkMs);
    return [
      status.label,
      ttft === undefined ? '' : formatMilliseconds(ttft),
      isDirect
        ? '—'
        : addedCell(addedOverDirect(result.pacedStream, status.kind, (round: PacedRound) => round.ttftMs)),
      gap === undefined ? '' : formatMilliseconds(gap),
      isDirect
        ? '—'
        : addedCell(addedOverDirect(result.pacedStream, status.kind, (round: PacedRound) => round.gapMs)),
      last === undefined ? '' : formatMilliseconds(last),
      isDirect
        ? '—'
        : addedCell(addedOverDirect(result.fastStream, status.kind, (round: FastRound) => round.lastChunkMs)),
    ];
  });
  return formatMarkdownTable(
    [
      'server',
      'time to first chunk',
      'added TTFT',
      'mean gap between chunks',
      'added per-chunk delay',
      'time to last chunk (unpaced)',
      'added time to last chunk',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

function autocannonTable(result: GatewaySuiteResult): string {
  const rows = result.contenders.flatMap((status) => {
    const runs = result.autocannon[status.kind];
    if (runs === undefined || runs.length === 0) return [];
    const rps = summarizeSamples(runs.map((run) => run.requestsPerSecond)).median;
    const direct = result.autocannon.emulator;
    const directRps =
      direct === undefined ? undefined : summarizeSamples(direct.map((run) => run.requestsPerSecond)).median;
    return [
      [
        status.label,
        formatNumber(rps),
        directRps === undefined || status.kind === 'emulator' ? '—' : percent(rps / directRps),
        `${formatNumber(summarizeSamples(runs.map((run) => run.p50Ms)).median)} ms`,
        `${formatNumber(summarizeSamples(runs.map((run) => run.p99Ms)).median)} ms`,
        String(runs.reduce((total, run) => total + run.errors + run.non2xx, 0)),
      ],
    ];
  });
  return formatMarkdownTable(
    ['server', 'requests/s', 'vs direct', 'p50 (1 ms resolution)', 'p99', 'errors + non-2xx'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
}

function latencyChart(result: GatewaySuiteResult, concurrency: number): string {
  const block = result.nonStreamed.find((candidate) => candidate.concurrency === concurrency);
  const bars: ChartBar[] = [];
  for (const status of result.contenders) {
    const rounds = block?.rounds[status.kind];
    const p50 = medianOf(rounds, (round: LoadRound) => round.p50Ms);
    if (p50 === undefined) continue;
    const spread = rounds === undefined ? undefined : summarizeSamples(rounds.map((round) => round.p50Ms));
    bars.push({ label: status.label, value: p50, low: spread?.p25, high: spread?.p75, series: status.group });
  }
  return renderBarChartSvg({
    title: `Non-streamed chat completion latency at concurrency ${concurrency}`,
    subtitle: 'Median p50 over interleaved rounds (whiskers: p25 – p75 of the rounds). Lower is better.',
    bars,
    formatValue: formatMilliseconds,
    axisLabel: 'p50 latency, milliseconds',
  });
}

function throughputChart(result: GatewaySuiteResult, concurrency: number): string {
  const block = result.nonStreamed.find((candidate) => candidate.concurrency === concurrency);
  const bars: ChartBar[] = [];
  for (const status of result.contenders) {
    const rounds = block?.rounds[status.kind];
    if (rounds === undefined || rounds.length === 0) continue;
    const summary = summarizeSamples(rounds.map((round) => round.requestsPerSecond));
    bars.push({
      label: status.label,
      value: summary.median,
      low: summary.min,
      high: summary.max,
      series: status.group,
    });
  }
  return renderBarChartSvg({
    title: `Requests per second at concurrency ${concurrency} (non-streamed)`,
    subtitle: 'Median over interleaved rounds (whiskers: p25 – p75 of the rounds). Higher is better.',
    bars,
    formatValue: (value) => formatNumber(value),
    axisLabel: 'requests per second',
  });
}

function ttftChart(result: GatewaySuiteResult): string {
  const bars: ChartBar[] = [];
  for (const status of result.contenders) {
    const rounds = result.pacedStream[status.kind];
    if (rounds === undefined || rounds.length === 0) continue;
    const summary = summarizeSamples(rounds.map((round) => round.ttftMs));
    bars.push({
      label: status.label,
      value: summary.median,
      low: summary.min,
      high: summary.max,
      series: status.group,
    });
  }
  return renderBarChartSvg({
    title: 'Streamed: time to first chunk',
    subtitle: 'Median over interleaved rounds (whiskers: p25 – p75 of the rounds). Lower is better.',
    bars,
    formatValue: formatMilliseconds,
    axisLabel: 'milliseconds from request to the first data event',
  });
}

const latencyConcurrency = (result: GatewaySuiteResult): number =>
  Math.min(...result.nonStreamed.map((block) => block.concurrency));
const throughputConcurrency = (result: GatewaySuiteResult): number =>
  Math.max(...result.nonStreamed.map((block) => block.concurrency));

/** The middleware targets, checked on our default configuration. */
export function gatewayTargets(result: GatewaySuiteResult | undefined): TargetRow[] {
  if (result === undefined || result.nonStreamed.length === 0) {
    return [
      'middleware p50 added latency under 1 ms',
      'middleware p99 added latency under 3 ms',
      'middleware added TTFT under 1 ms',
      'middleware throughput at least 80 % of direct',
    ].map((target) => ({ target, measured: 'suite not run', met: undefined }));
  }
  const kind: ServerKind = 'ours-defaults';
  const low = result.nonStreamed.find((block) => block.concurrency === latencyConcurrency(result));
  const high = result.nonStreamed.find((block) => block.concurrency === throughputConcurrency(result));
  const p50 =
    low === undefined ? undefined : addedOverDirect(low.rounds, kind, (round: LoadRound) => round.p50Ms);
  const p99 =
    low === undefined ? undefined : addedOverDirect(low.rounds, kind, (round: LoadRound) => round.p99Ms);
  const ttft = addedOverDirect(result.pacedStream, kind, (round: PacedRound) => round.ttftMs);
  const throughput =
    high === undefined
      ? undefined
      : ratioToDirect(high.rounds, kind, (round: LoadRound) => round.requestsPerSecond);
  const row = (
    target: string,
    summary: SampleSummary | undefined,
    format: (value: number) => string,
    met: (value: number) => boolean,
  ): TargetRow => ({
    target,
    measured: summary === undefined ? 'not measured' : format(summary.median),
    met: summary === undefined ? undefined : met(summary.median),
  });
  return [
    row(
      `middleware p50 added latency under 1 ms (concurrency ${latencyConcurrency(result)})`,
      p50,
      signed,
      (value) => value < 1,
    ),
    row(
      `middleware p99 added latency under 3 ms (concurrency ${latencyConcurrency(result)})`,
      p99,
      signed,
      (value) => value < 3,
    ),
    row('middleware added TTFT under 1 ms', ttft, signed, (value) => value < 1),
    row(
      `middleware throughput at least 80 % of direct (concurrency ${throughputConcurrency(result)})`,
      throughput,
      percent,
      (value) => value >= 0.8,
    ),
  ];
}

export function renderGatewaySection(result: GatewaySuiteResult): RenderedSection {
  const { settings } = result;
  const low = latencyConcurrency(result);
  const high = throughputConcurrency(result);
  const charts = [
    { fileName: `gateway-latency-c${low}.svg`, svg: latencyChart(result, low) },
    { fileName: `gateway-throughput-c${high}.svg`, svg: throughputChart(result, high) },
    { fileName: 'gateway-ttft.svg', svg: ttftChart(result) },
  ];
  const parts = [
    '## 2. Gateway overhead',
    '',
    'Every server runs in its own Node process: the emulator (upstream), `http-proxy-middleware` in Express 5, our `openRouter()` middleware in Express 5 (defaults, and with policy + limits), and Portkey’s gateway; the load generator is this suite’s process. Every proxy forwards to the same emulator process. Added latency is `through − direct` computed round by round (each round runs every server, in a rotated order), then the median over rounds (min – max in brackets).',
    '',
    result.pinning?.client === undefined
      ? 'CPU pinning was not available: every process could run on any core.'
      : `CPU pinning (\`taskset\`): the load generator and the emulator on CPU ${result.pinning.client}, every proxy on CPU ${result.pinning.servers['ours-defaults'] ?? result.pinning.servers['http-proxy-middleware'] ?? '?'}, as a gateway runs on its own core or machine in production. Throughput "vs direct" therefore asks whether the proxy keeps up with what one core of client + upstream produces, not how the three processes share one machine.`,
    '',
    ...result.contenders.map(
      (status) =>
        `- **${status.label}**: ${status.description}.${status.sanity?.streamIdenticalToDirect === false ? ' Its stream differs from the direct stream.' : ''}`,
    ),
    '',
    `### Non-streamed, concurrency ${low} (latency)`,
    '',
    `${settings.rounds} rounds × ${formatNumber(settings.nonStreamed.durationMs / 1_000)} s per server (after ${formatNumber(settings.nonStreamed.warmupMs)} ms warm-up), closed loop over keep-alive connections, latency with \`process.hrtime\` resolution.`,
    '',
    nonStreamedTable(result, low),
    '',
    `![latency at concurrency ${low}](charts/${charts[0]?.fileName})`,
    '',
    `### Non-streamed, concurrency ${high} (throughput)`,
    '',
    nonStreamedTable(result, high),
    '',
    `![throughput at concurrency ${high}](charts/${charts[1]?.fileName})`,
    '',
    `autocannon cross-check (${settings.autocannon.connections} connections, ${settings.autocannon.durationSeconds} s, ${settings.autocannon.rounds} rounds; its latency histogram has 1 ms resolution, so only its throughput is used):`,
    '',
    autocannonTable(result),
    '',
    '### Streamed',
    '',
    `Time to first chunk and the gap between chunks come from a stream the emulator paces (\`slow-tokens\`, ${settings.pacedStream.intervalMs} ms between chunks, ${settings.pacedStream.requestsPerRound} sequential requests per server per round); "added per-chunk delay" is how much longer the mean gap between consecutive chunks is through the server than direct (buffering or per-chunk work shows here; a constant per-byte delay shows in TTFT). "Time to last chunk" comes from an unpaced stream (${settings.fastStream.requestsPerRound} requests per round), where the emulator writes every chunk at once.`,
    '',
    streamedTable(result),
    '',
    `![time to first chunk](charts/${charts[2]?.fileName})`,
    '',
  ];
  const profiled = Object.entries(result.profiles ?? {});
  if (profiled.length > 0) {
    parts.push(
      `CPU profiles of the proxy processes under the concurrency-${high} load (${formatNumber(settings.profileMs / 1_000)} s each, after the rounds; self time by package and function):`,
      '',
    );
    for (const [kind, profile] of profiled) {
      const label = result.contenders.find((status) => status.kind === kind)?.label ?? kind;
      if (profile !== undefined) parts.push(renderProfile(label.replaceAll('`', ''), profile));
    }
  }
  return { markdown: parts.join('\n'), charts };
}
