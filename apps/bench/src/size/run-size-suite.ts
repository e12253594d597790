import { loadavg } from 'node:os';
import { readPackageVersion } from '../harness/read-package-versions';
import { benchDirectory } from '../harness/suite-paths';
import { attributeCoreBytes, type FolderBytes } from './attribute-core-bytes';
import { type BundleSize, measureBundleSize, peerExternals } from './measure-bundle-size';
import { measureImportTimes } from './measure-import-time';

export type SizeSettings = { importRuns: number };

export const fullSizeSettings: SizeSettings = { importRuns: 15 };
export const smokeSizeSettings: SizeSettings = { importRuns: 1 };

type SizedPackage = {
  name: string;
  group: 'ours' | 'peer' | 'framework';
  /** The export a typical user imports first (for the tree-shaken size). */
  mainExport?: string;
  /** Also measure without `@openrouter-adapters/core` (adapters: what they add on top of core). */
  excludingCore?: boolean;
  /** Only the import time is measured (frameworks, for context). */
  importOnly?: boolean;
};

const packages: readonly SizedPackage[] = [
  { name: '@openrouter-adapters/core', group: 'ours', mainExport: 'createOpenRouterClient' },
  { name: '@openrouter-adapters/ai-sdk', group: 'ours', mainExport: 'createOpenRouter', excludingCore: true },
  {
    name: '@openrouter-adapters/langchain',
    group: 'ours',
    mainExport: 'ChatOpenRouter',
    excludingCore: true,
  },
  { name: '@openrouter-adapters/express', group: 'ours', mainExport: 'openRouter', excludingCore: true },
  { name: '@openrouter-adapters/emulator', group: 'ours', mainExport: 'startEmulator' },
  { name: '@openrouter/ai-sdk-provider', group: 'peer', mainExport: 'createOpenRouter' },
  { name: '@langchain/openrouter', group: 'peer', mainExport: 'ChatOpenRouter' },
  { name: '@openrouter/sdk', group: 'peer', mainExport: 'OpenRouter' },
  { name: 'ai', group: 'framework', importOnly: true },
  { name: '@langchain/core/language_models/chat_models', group: 'framework', importOnly: true },
  { name: 'express', group: 'framework', importOnly: true },
];

export type SizeRow = {
  name: string;
  group: SizedPackage['group'];
  version?: string;
  external: string[];
  /** Everything the entry exports, peers excluded. */
  whole?: BundleSize;
  /** The same without `@openrouter-adapters/core` (adapters only). */
  wholeExcludingCore?: BundleSize;
  /** Only `mainExport`, tree-shaken. */
  mainExport?: { name: string } & BundleSize;
  importMs?: { median: number; p25: number; p75: number; runs: number };
  error?: string;
};

export type SizeSuiteResult = {
  suite: 'size';
  settings: SizeSettings;
  loadAverage: { start: number[]; end: number[] };
  rows: SizeRow[];
  /** Core's minified bytes by source folder (analysis aid), or why it could not be computed. */
  coreBreakdown: FolderBytes[] | { error: string };
};

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message.split('\n')[0]! : String(error);

/** Suite 4: minified + gzipped bundle size (peers excluded) and cold import time of every entry point. */
export async function runSizeSuite(
  settings: SizeSettings,
  log: (message: string) => void,
): Promise<SizeSuiteResult> {
  const start = loadavg();
  const rows: SizeRow[] = [];
  for (const entry of packages) {
    const packageName = entry.name.startsWith('@')
      ? entry.name.split('/').slice(0, 2).join('/')
      : entry.name.split('/')[0]!;
    const row: SizeRow = {
      name: entry.name,
      group: entry.group,
      version: readPackageVersion(packageName),
      external: [],
    };
    rows.push(row);
    if (entry.importOnly) continue;
    try {
      row.external = peerExternals(entry.name, benchDirectory);
      row.whole = await measureBundleSize(
        `export * from ${JSON.stringify(entry.name)};`,
        benchDirectory,
        row.external,
      );
      if (entry.excludingCore) {
        row.wholeExcludingCore = await measureBundleSize(
          `export * from ${JSON.stringify(entry.name)};`,
          benchDirectory,
          [...row.external, '@openrouter-adapters/core'],
        );
      }
      if (entry.mainExport !== undefined) {
        const size = await measureBundleSize(
          `export { ${entry.mainExport} } from ${JSON.stringify(entry.name)};`,
          benchDirectory,
          row.external,
        );
        row.mainExport = { name: entry.mainExport, ...size };
      }
      log(`  ${entry.name}: ${row.whole.gzipBytes} B gzipped`);
    } catch (error) {
      row.error = errorMessage(error);
      log(`  ${entry.name}: ${row.error}`);
    }
  }
  const times = await measureImportTimes(
    packages.map((entry) => entry.name),
    benchDirectory,
    settings.importRuns,
  );
  for (const row of rows) {
    const time = times.get(row.name);
    if (time === undefined) continue;
    if ('error' in time) row.error ??= `import failed: ${time.error}`;
    else row.importMs = { median: time.median, p25: time.p25, p75: time.p75, runs: time.samples.length };
  }
  log(`  import times: ${settings.importRuns} fresh processes per entry, interleaved`);
  let coreBreakdown: SizeSuiteResult['coreBreakdown'];
  try {
    coreBreakdown = await attributeCoreBytes(benchDirectory);
  } catch (error) {
    coreBreakdown = { error: errorMessage(error) };
  }
  return { suite: 'size', settings, loadAverage: { start, end: loadavg() }, rows, coreBreakdown };
}
