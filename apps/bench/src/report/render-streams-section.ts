import type { StreamsRun, StreamsSuiteResult } from '../streams/run-streams-suite';
import { formatMarkdownTable } from './format-markdown-table';
import { formatBytes, formatInteger, formatMilliseconds } from './format-numbers';
import type { RenderedSection } from './rendered-section';
import type { TargetRow } from './target-row';

const labels: Record<string, string> = {
  emulator: 'direct (emulator)',
  'ours-defaults': 'ours: `openRouter()` defaults',
  'http-proxy-middleware': 'peer: `http-proxy-middleware`',
};

const peakOf = (runs: StreamsRun[]): number | undefined => {
  const peaks = runs.flatMap((run) => (run.proxy === undefined ? [] : [run.proxy.peakRssBytes]));
  return peaks.length === 0 ? undefined : Math.max(...peaks);
};

/** 1,000 streams under 300 MB RSS, on the worst round. */
export function streamsTargets(result: StreamsSuiteResult | undefined): TargetRow[] {
  const ours = result?.runs.filter((run) => run.kind === 'ours-defaults') ?? [];
  const peak = peakOf(ours);
  const complete = ours.every(
    (run) => run.completed === result?.settings.streams && run.identicalToDirect === run.completed,
  );
  return [
    {
      target: `${formatInteger(result?.settings.streams ?? 1_000)} concurrent streams through the middleware under 300 MB RSS (all complete, byte-identical)`,
      measured:
        peak === undefined
          ? result === undefined
            ? 'suite not run'
            : 'not measured'
          : `peak ${formatBytes(peak)}; ${ours.map((run) => `${run.completed}/${result?.settings.streams} complete, ${run.identicalToDirect} identical`).join('; ')}`,
      met: peak === undefined ? undefined : peak < 300 * 1_000_000 && complete,
    },
  ];
}

export function renderStreamsSection(result: StreamsSuiteResult): RenderedSection {
  const { settings } = result;
  const rows = result.runs.map((run) => [
    labels[run.kind] ?? run.kind,
    String(run.round + 1),
    `${run.completed}/${settings.streams}`,
    run.kind === 'emulator' ? '(reference)' : `${run.identicalToDirect}/${settings.streams}`,
    formatMilliseconds(run.firstDataMs.p50),
    formatMilliseconds(run.endMs.p99),
    run.proxy === undefined ? '—' : formatBytes(run.proxy.peakRssBytes),
    run.proxy === undefined ? '—' : formatBytes(run.proxy.peakRssBytes - run.proxy.startRssBytes),
    run.proxy === undefined
      ? '—'
      : `${formatBytes(run.proxy.atPeak.heapUsedBytes)} / ${formatBytes(run.proxy.atPeak.externalBytes)}`,
    run.proxy === undefined
      ? '—'
      : `${formatMilliseconds(run.proxy.eventLoopDelayMs.p50)} / ${formatMilliseconds(run.proxy.eventLoopDelayMs.p99)} / ${formatMilliseconds(run.proxy.eventLoopDelayMs.max)}`,
    run.errors.join('; '),
  ]);
  const markdown = [
    '## 3. Many streams',
    '',
    `${formatInteger(settings.streams)} streaming requests opened at once (one connection each), every one slow: the emulator waits ${settings.firstTokenMs} ms before the first token and ${settings.tokenIntervalMs} ms between chunks (\`max_tokens\` ${settings.maxTokens}). Each stream has its own prompt; its body is hashed (SHA-256, generation id and \`created\` normalised) and compared with the direct stream of the same prompt. Peak RSS is sampled every 25 ms inside the proxy process and event-loop delay comes from \`perf_hooks.monitorEventLoopDelay\` (10 ms resolution) in the same process, both from the first request to the last byte. ${settings.warmupStreams} warm-up streams went through each server first. The proxies run as plain JavaScript (compiled by esbuild), without a TypeScript loader.${result.pinned ? ' The client and the emulator are pinned to one core and the proxy to the other (`taskset`).' : ''}`,
    '',
    formatMarkdownTable(
      [
        'server',
        'round',
        'complete',
        'byte-identical to direct',
        'first data p50',
        'end p99',
        'peak RSS',
        'RSS growth',
        'JS heap / external at peak',
        'event-loop delay p50 / p99 / max',
        'errors',
      ],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
  ].join('\n');
  return { markdown, charts: [] };
}
