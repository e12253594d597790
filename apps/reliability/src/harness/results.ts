import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { suiteSeed } from './seeded-random.ts';

/**
 * `apps/reliability/results/`: `latest.json` (this machine's last run, git-ignored), per-file
 * fragments of the current run, and `published.json` (committed: the run RELIABILITY.md shows,
 * copied from `latest.json` by the report script).
 */
export const resultsDirectory: string = fileURLToPath(new URL('../../results/', import.meta.url));
export const fragmentsDirectory: string = `${resultsDirectory}fragments/`;
export const latestResultsPath: string = `${resultsDirectory}latest.json`;
export const publishedResultsPath: string = `${resultsDirectory}published.json`;

/** One section of the results file, written by one test file. */
export type ResultSection = {
  recordedAt: string;
  seed: number;
  figures: Record<string, unknown>;
};

export type ResultsFile = {
  /** When the last full run (every test file) started. */
  runStartedAt: string;
  runDurationMs: number;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGb: number };
  sections: Record<string, ResultSection>;
};

/**
 * Records a test file's figures for `results/latest.json` (merged by the global teardown). Call it
 * once per section, after the figures were asserted.
 */
export function recordResults(section: string, figures: Record<string, unknown>): void {
  if (!/^[a-z0-9-]+$/.test(section)) throw new Error(`section names are kebab-case, got "${section}"`);
  mkdirSync(fragmentsDirectory, { recursive: true });
  const fragment: ResultSection = { recordedAt: new Date().toISOString(), seed: suiteSeed, figures };
  writeFileSync(`${fragmentsDirectory}${section}.json`, `${JSON.stringify(fragment, null, 2)}\n`);
}

/**
 * Merges this run's fragments into `results/latest.json`. Sections this run did not produce (a
 * partial run, e.g. one file) keep their previous figures and their own `recordedAt`. `run`
 * (start and duration) is given only for a full run; otherwise the last full run's stay.
 */
export function mergeResultFragments(run?: { runStartedAt: number; runDurationMs: number }): void {
  if (!existsSync(fragmentsDirectory)) return;
  const files = readdirSync(fragmentsDirectory).filter((name) => name.endsWith('.json'));
  if (files.length === 0) return;
  // A partial run on a fresh clone starts from the published figures.
  const previousPath = existsSync(latestResultsPath) ? latestResultsPath : publishedResultsPath;
  const previous: ResultsFile | undefined = existsSync(previousPath)
    ? (JSON.parse(readFileSync(previousPath, 'utf8')) as ResultsFile)
    : undefined;
  const sections: Record<string, ResultSection> = { ...previous?.sections };
  for (const name of files) {
    sections[name.replace(/\.json$/, '')] = JSON.parse(
      readFileSync(`${fragmentsDirectory}${name}`, 'utf8'),
    ) as ResultSection;
  }
  const sorted = Object.fromEntries(Object.entries(sections).sort(([a], [b]) => a.localeCompare(b)));
  const results: ResultsFile = {
    runStartedAt: run ? new Date(run.runStartedAt).toISOString() : (previous?.runStartedAt ?? 'unknown'),
    runDurationMs: run ? run.runDurationMs : (previous?.runDurationMs ?? 0),
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
    },
    sections: sorted,
  };
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(latestResultsPath, `${JSON.stringify(results, null, 2)}\n`);
}
