import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { benchDirectory, resultFile, type SuiteMode, type SuiteName } from './suite-paths';
import { waitForBuiltPackages } from './wait-for-built-packages';

const childEntry = fileURLToPath(new URL('../suite-child.ts', import.meta.url));

/**
 * Runs one suite in a fresh Node process (`--expose-gc`, nothing else loaded), so suites do not
 * share a heap, a JIT profile or an event loop, and returns the JSON result it wrote.
 */
export async function runSuiteInChild(suite: SuiteName, mode: SuiteMode): Promise<unknown> {
  const output = resultFile(suite, mode);
  const unsettled = await waitForBuiltPackages((message) => process.stderr.write(`[${suite}] ${message}\n`));
  if (unsettled.length > 0)
    process.stderr.write(`[${suite}] still missing or being rebuilt: ${unsettled.join(', ')}\n`);
  // A failed run must not leave the previous run's numbers behind to be reported as current.
  await rm(output, { force: true });
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', childEntry, suite, mode, output],
      { cwd: benchDirectory, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(signal === null ? exitCode : 128));
  });
  if (code !== 0) throw new Error(`The ${suite} suite (${mode}) exited with code ${code}`);
  return JSON.parse(await readFile(output, 'utf8'));
}
