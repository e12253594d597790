// `pnpm bench:smoke`: every suite at tiny sizes (seconds), each in its own process, asserting that
// every contender ran and produced sane output. CI runs it so the bench cannot rot; its numbers
// mean nothing and never touch RESULTS.md (the smoke report goes to .cache/smoke/RESULTS.md).
import { runSuiteInChild } from './harness/run-suite-in-child';
import { suiteNames } from './harness/suite-paths';
import { readSuiteResults, writeResults } from './harness/write-results';
import { checkSmokeResults } from './smoke/check-smoke-results';

const failures: { suite: string; reason: string }[] = [];
for (const suite of suiteNames) {
  try {
    await runSuiteInChild(suite, 'smoke');
  } catch (error) {
    failures.push({ suite, reason: error instanceof Error ? error.message : String(error) });
  }
}
const results = await readSuiteResults('smoke');
const file = await writeResults(results, 'smoke', failures);
const problems = [
  ...failures.map((failure) => `${failure.suite}: ${failure.reason}`),
  ...checkSmokeResults(results),
];
const notes = problems.filter((problem) => problem.startsWith('note:'));
const errors = problems.filter((problem) => !problem.startsWith('note:'));
for (const note of notes) process.stdout.write(`${note}\n`);
if (errors.length > 0) {
  process.stderr.write(`Bench smoke FAILED:\n${errors.map((problem) => `  - ${problem}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(
    `Bench smoke passed: every contender of every suite ran and produced sane output (${file}).\n`,
  );
}
