import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ResultsInput,
  renderResultsMarkdown,
  type SuiteResults,
} from '../report/render-results-markdown';
import { describeMachine } from './describe-machine';
import { measuredPackages, readPackageVersion } from './read-package-versions';
import { benchDirectory, resultFile, type SuiteMode, suiteNames } from './suite-paths';

/** Reads the JSON each suite left in `.cache/<mode>/` (missing suites are skipped). */
export async function readSuiteResults(mode: SuiteMode): Promise<SuiteResults> {
  const results: Record<string, unknown> = {};
  for (const suite of suiteNames) {
    try {
      results[suite] = JSON.parse(await readFile(resultFile(suite, mode), 'utf8'));
    } catch {
      // Not run (or failed before writing): the report says "suite not run".
    }
  }
  return results as SuiteResults;
}

/**
 * Renders RESULTS.md and its charts. Full runs write `apps/bench/RESULTS.md` and `apps/bench/charts/`;
 * smoke runs write under `.cache/smoke/` so they never overwrite real numbers.
 */
export async function writeResults(
  results: SuiteResults,
  mode: SuiteMode,
  failures: ResultsInput['failures'],
): Promise<string> {
  const rendered = renderResultsMarkdown({
    results,
    machine: describeMachine(),
    versions: measuredPackages.map((entry) => ({ ...entry, version: readPackageVersion(entry.name) })),
    failures,
  });
  const directory = mode === 'full' ? benchDirectory : join(benchDirectory, '.cache', 'smoke');
  const chartsDirectory = join(directory, 'charts');
  await rm(chartsDirectory, { recursive: true, force: true });
  await mkdir(chartsDirectory, { recursive: true });
  for (const chart of rendered.charts) await writeFile(join(chartsDirectory, chart.fileName), chart.svg);
  const file = join(directory, 'RESULTS.md');
  await writeFile(file, rendered.markdown);
  return file;
}
