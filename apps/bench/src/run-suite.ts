// `pnpm bench:<suite>`: one suite in its own process, then its section of the report and its
// targets on stdout. (`pnpm bench` runs every suite and regenerates RESULTS.md.)
import { runSuiteInChild } from './harness/run-suite-in-child';
import { isSuiteName } from './harness/suite-paths';
import { formatMarkdownTable } from './report/format-markdown-table';
import { verdict } from './report/format-numbers';
import { collectTargets, renderSuiteSections, type SuiteResults } from './report/render-results-markdown';

const suite = process.argv[2];
const mode = process.argv.includes('--smoke') ? 'smoke' : 'full';
if (!isSuiteName(suite)) throw new Error('usage: run-suite.ts <decode|gateway|streams|size> [--smoke]');

const results = { [suite]: await runSuiteInChild(suite, mode) } as SuiteResults;
for (const section of renderSuiteSections(results)) process.stdout.write(`${section.markdown.trim()}\n\n`);
const targets = collectTargets(results).filter((row) => row.measured !== 'suite not run');
process.stdout.write(
  `${formatMarkdownTable(
    ['target', 'measured', 'status'],
    targets.map((row) => [row.target, row.measured, verdict(row.met)]),
  )}\n\n`,
);
process.stdout.write(
  `JSON: .cache/${mode === 'full' ? 'results' : 'smoke'}/${suite}.json. \`pnpm bench\` regenerates RESULTS.md from every suite.\n`,
);
