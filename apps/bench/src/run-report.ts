// `pnpm bench:report`: re-renders RESULTS.md and the charts from the last full run's JSON (.cache/results).
import { readSuiteResults, writeResults } from './harness/write-results';

const file = await writeResults(await readSuiteResults('full'), 'full', []);
process.stdout.write(`Wrote ${file}\n`);
