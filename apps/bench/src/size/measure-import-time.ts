import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { summarizeSamples } from '../harness/summarize-samples';

const run = promisify(execFile);

/**
 * Milliseconds `await import(specifier)` takes in a fresh `node` process (measured inside it with
 * `performance.now()`, so Node's own start-up is excluded), once.
 */
export async function importTimeOnce(specifier: string, cwd: string): Promise<number> {
  const script = `const start = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - start));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
    cwd,
    timeout: 60_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const value = Number(stdout.trim());
  if (!Number.isFinite(value)) throw new Error(`unexpected output importing ${specifier}: ${stdout}`);
  return value;
}

/** The most useful line of a failed child: its `Error:`/`code:` line from stderr, else the message. */
function describeFailure(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  const lines = stderr.split('\n').map((line) => line.trim());
  const useful = lines.find((line) => /^(\w*Error|code:)/.test(line));
  if (useful !== undefined) return useful;
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

/** Cold import times of several entries, interleaved (entry A, B, C, A, B, C, ...), `runs` each. */
export async function measureImportTimes(
  specifiers: readonly string[],
  cwd: string,
  runs: number,
): Promise<Map<string, { samples: number[]; median: number; p25: number; p75: number } | { error: string }>> {
  const samples = new Map<string, number[]>(specifiers.map((specifier) => [specifier, []]));
  const errors = new Map<string, string>();
  for (let round = 0; round < runs; round++) {
    for (const specifier of specifiers) {
      if (errors.has(specifier)) continue;
      try {
        samples.get(specifier)?.push(await importTimeOnce(specifier, cwd));
      } catch (error) {
        errors.set(specifier, describeFailure(error));
      }
    }
  }
  const results = new Map<
    string,
    { samples: number[]; median: number; p25: number; p75: number } | { error: string }
  >();
  for (const specifier of specifiers) {
    const error = errors.get(specifier);
    const values = samples.get(specifier) ?? [];
    if (error !== undefined || values.length === 0) {
      results.set(specifier, { error: error ?? 'no samples' });
      continue;
    }
    const summary = summarizeSamples(values);
    results.set(specifier, { samples: values, median: summary.median, p25: summary.p25, p75: summary.p75 });
  }
  return results;
}
