import type { SizeRow, SizeSuiteResult } from '../size/run-size-suite';
import { formatMarkdownTable } from './format-markdown-table';
import { formatBytes, formatMilliseconds, formatRange, formatRatio } from './format-numbers';
import type { RenderedSection } from './rendered-section';
import type { TargetRow } from './target-row';

const CORE_LIMIT_BYTES = 12_000;

const sizeCell = (size: { minifiedBytes: number; gzipBytes: number } | undefined): string =>
  size === undefined ? '' : `${formatBytes(size.gzipBytes)} (${formatBytes(size.minifiedBytes)} min)`;

const find = (result: SizeSuiteResult, name: string): SizeRow | undefined =>
  result.rows.find((row) => row.name === name);

export function sizeTargets(result: SizeSuiteResult | undefined): TargetRow[] {
  const core = result === undefined ? undefined : find(result, '@openrouter-adapters/core');
  return [
    {
      target: 'core under 12 kB minified + gzipped (whole entry)',
      measured:
        core?.whole === undefined
          ? result === undefined
            ? 'suite not run'
            : `not measured${core?.error === undefined ? '' : `: ${core.error}`}`
          : `${formatBytes(core.whole.gzipBytes)} (${core.whole.gzipBytes} B); \`createOpenRouterClient\` alone: ${formatBytes(core.mainExport?.gzipBytes ?? Number.NaN)}`,
      met: core?.whole === undefined ? undefined : core.whole.gzipBytes < CORE_LIMIT_BYTES,
    },
    aiSdkSizeTarget(result),
  ];
}

/** AI SDK issue: our provider (excluding peers and core) smaller than the official one. */
function aiSdkSizeTarget(result: SizeSuiteResult | undefined): TargetRow {
  const ours = result === undefined ? undefined : find(result, '@openrouter-adapters/ai-sdk');
  const peer = result === undefined ? undefined : find(result, '@openrouter/ai-sdk-provider');
  const oursBytes = ours?.wholeExcludingCore?.gzipBytes;
  const peerBytes = peer?.whole?.gzipBytes;
  return {
    target:
      'AI SDK provider (excluding peers and core) smaller than `@openrouter/ai-sdk-provider`, minified + gzipped',
    measured:
      oursBytes === undefined || peerBytes === undefined
        ? result === undefined
          ? 'suite not run'
          : 'not measured'
        : `${formatBytes(oursBytes)} vs ${formatBytes(peerBytes)} (${formatRatio(peerBytes / oursBytes)} smaller)`,
    met: oursBytes === undefined || peerBytes === undefined ? undefined : oursBytes < peerBytes,
  };
}

const comparisons: readonly { ours: string; peer: string }[] = [
  { ours: '@openrouter-adapters/ai-sdk', peer: '@openrouter/ai-sdk-provider' },
  { ours: '@openrouter-adapters/langchain', peer: '@langchain/openrouter' },
  { ours: '@openrouter-adapters/core', peer: '@openrouter/sdk' },
];

export function renderSizeSection(result: SizeSuiteResult): RenderedSection {
  const sizeRows = result.rows
    .filter((row) => row.group !== 'framework')
    .map((row) => [
      `${row.group === 'ours' ? 'ours' : 'peer'}: \`${row.name}\``,
      row.version ?? '',
      row.error !== undefined && row.whole === undefined ? `not measured: ${row.error}` : sizeCell(row.whole),
      sizeCell(row.wholeExcludingCore) || '—',
      row.mainExport === undefined ? '' : `\`${row.mainExport.name}\`: ${sizeCell(row.mainExport)}`,
      row.external.filter((name) => !name.endsWith('/*')).join(', ') || '(none)',
    ]);
  const ratioRows = comparisons.flatMap(({ ours, peer }) => {
    const left = find(result, ours);
    const right = find(result, peer);
    if (left?.whole === undefined || right?.whole === undefined) return [];
    return [
      [
        `\`${ours}\` vs \`${peer}\``,
        formatRatio(right.whole.gzipBytes / left.whole.gzipBytes),
        left.importMs === undefined || right.importMs === undefined
          ? ''
          : formatRatio(right.importMs.median / left.importMs.median),
      ],
    ];
  });
  const importRows = result.rows.map((row) => [
    `${row.group}: \`${row.name}\``,
    row.importMs === undefined ? (row.error ?? '') : formatMilliseconds(row.importMs.median),
    row.importMs === undefined ? '' : formatRange(row.importMs.p25, row.importMs.p75, formatMilliseconds),
  ]);
  const parts = [
    '## 4. Size and start-up',
    '',
    'Each entry is bundled by esbuild exactly as a user’s bundler would take it: `export * from "<package>"` (everything it exports; and the one export most users start with, tree-shaken), minified, ESM, for Node, with the package’s peer dependencies (and its dependencies’ peers) left external; dependencies are included. Gzip level 9. 1 kB = 1,000 bytes. For the adapters, "excluding core" also leaves `@openrouter-adapters/core` external: what an adapter adds once core is installed.',
    '',
    formatMarkdownTable(
      [
        'package',
        'version',
        'gzipped (minified)',
        'excluding core',
        'main export only',
        'left external (peers)',
      ],
      sizeRows,
      ['left', 'left', 'right', 'right', 'right', 'left'],
    ),
    '',
    formatMarkdownTable(
      ['ours vs peer', 'peer size ÷ ours (whole entry, gzipped)', 'peer import time ÷ ours'],
      ratioRows,
      ['left', 'right', 'right'],
    ),
    '',
  ];
  if (!('error' in result.coreBreakdown)) {
    const total = result.coreBreakdown.reduce((sum, folder) => sum + folder.minifiedBytes, 0);
    parts.push(
      'Where core’s minified bytes come from (its `src/` bundled the same way; esbuild metafile):',
      '',
      formatMarkdownTable(
        ['source', 'minified', 'share'],
        result.coreBreakdown
          .filter((folder) => folder.minifiedBytes > 0)
          .map((folder) => [
            `\`${folder.folder}\``,
            formatBytes(folder.minifiedBytes),
            `${((folder.minifiedBytes / total) * 100).toFixed(0)} %`,
          ]),
        ['left', 'right', 'right'],
      ),
      '',
    );
  }
  parts.push(
    `Cold import time: \`await import("<entry>")\` timed inside a fresh \`node\` process (Node’s own start-up excluded), ${result.settings.importRuns} processes per entry, interleaved across entries; the frameworks alone are listed for context (an adapter’s time includes its framework’s when it imports it).`,
    '',
    formatMarkdownTable(['entry point', 'import time (median)', 'p25 – p75'], importRows, [
      'left',
      'right',
      'right',
    ]),
    '',
  );
  return { markdown: parts.join('\n'), charts: [] };
}
