// `pnpm bench`: every suite, each in its own process, then RESULTS.md and the charts.
// `pnpm bench decode size` runs only those suites (the others keep their last results).
// BENCH_MAX_QUIET_WAIT_S (default 600): how long to wait before each suite for a quiet machine.
import { runSuiteInChild } from './harness/run-suite-in-child';
import { isSuiteName, suiteNames } from './harness/suite-paths';
import { waitForQuietMachine } from './harness/wait-for-quiet-machine';
import { readSuiteResults, writeResults } from './harness/write-results';

const only = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
for (const name of only)
  if (!isSuiteName(name)) throw new Error(`unknown suite "${name}" (${suiteNames.join(', ')})`);
const maxWaitMs = Number(process.env.BENCH_MAX_QUIET_WAIT_S ?? 600) * 1_000;
const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

const failures: { suite: string; reason: string }[] = [];
for (const suite of suiteNames) {
  if (only.length > 0 && !only.includes(suite)) continue;
  await waitForQuietMachine({ maxWaitMs, log });
  try {
    await runSuiteInChild(suite, 'full');
  } catch (error) {
    failures.push({ suite, reason: error instanceof Error ? error.message : String(error) });
    log(`[${suite}] failed: ${failures.at(-1)?.reason}`);
  }
}
const file = await writeResults(await readSuiteResults('full'), 'full', failures);
process.stdout.write(`Wrote ${file}\n`);
if (failures.length > 0) process.exitCode = 1;
