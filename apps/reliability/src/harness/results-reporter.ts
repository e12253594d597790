import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import { mergeResultFragments, recordResults } from './results.ts';

/** Every test file of the suite (a run that covered fewer is partial). */
function allTestFiles(): number {
  const source = fileURLToPath(new URL('../', import.meta.url));
  return readdirSync(source, { recursive: true }).filter((name) => String(name).endsWith('.test.ts')).length;
}

/**
 * Records the outcome of every test of a full run (passed, failed with its first error line,
 * skipped) in `results/latest.json` (published by `pnpm report`), so RELIABILITY.md states which checks hold and which fail.
 */
export class ResultsReporter implements Reporter {
  private startedAt = Date.now();

  onInit(): void {
    this.startedAt = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const files: Record<string, { passed: number; failed: number; skipped: number; durationMs: number }> = {};
    const failures: Array<{ file: string; test: string; error: string }> = [];
    for (const module of testModules) {
      const file = module.relativeModuleId;
      const counts = {
        passed: 0,
        failed: 0,
        skipped: 0,
        durationMs: Math.round(module.diagnostic().duration),
      };
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') counts.passed += 1;
        else if (result.state === 'failed') {
          counts.failed += 1;
          const message = result.errors?.[0]?.message ?? 'failed';
          failures.push({ file, test: test.fullName, error: message.split('\n')[0]?.slice(0, 300) ?? '' });
        } else counts.skipped += 1;
      }
      files[file] = counts;
    }
    const total = Object.values(files).reduce(
      (sum, counts) => ({
        passed: sum.passed + counts.passed,
        failed: sum.failed + counts.failed,
        skipped: sum.skipped + counts.skipped,
      }),
      { passed: 0, failed: 0, skipped: 0 },
    );
    // Only a full run (every file) updates the run-level figures; partial runs only refresh their sections.
    if (testModules.length < allTestFiles()) return;
    recordResults('test-run', { ...total, wallClockMs: Date.now() - this.startedAt, files, failures });
    mergeResultFragments({ runStartedAt: this.startedAt, runDurationMs: Date.now() - this.startedAt });
  }
}
