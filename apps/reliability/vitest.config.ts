import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { ResultsReporter } from './src/harness/results-reporter.ts';

/**
 * The reliability suite. Files run in separate processes (figures of RSS and active resources
 * belong to one file each) and in four groups, one after the other, so timing-sensitive checks
 * never share the two cores with the load tests:
 * 1. functional: fault matrix, fuzzing, hostile input, limits, secrets, interop (in parallel);
 * 2. cancellation: abort → disconnect latency (bound 100 ms) measured on a quiet machine;
 * 3. load: 1,000 concurrent streams;
 * 4. soak: two minutes of steady streaming with random aborts (RSS flatness).
 * The global setup starts the real redis-server processes; every file's figures are merged into
 * results/latest.json, from which `pnpm report` writes the root RELIABILITY.md.
 */
const groups = [
  { name: 'functional', include: ['src/**/*.test.ts'], exclude: ['src/cancellation/**', 'src/load/**'] },
  { name: 'cancellation', include: ['src/cancellation/**/*.test.ts'], exclude: [] },
  { name: 'load', include: ['src/load/thousand-streams.test.ts'], exclude: [] },
  { name: 'soak', include: ['src/load/soak.test.ts'], exclude: [] },
];

const config: ViteUserConfig = defineConfig({
  test: {
    globalSetup: ['src/harness/global-setup.ts'],
    reporters: ['default', new ResultsReporter()],
    pool: 'forks',
    maxWorkers: 2,
    execArgv: ['--expose-gc'],
    maxConcurrency: 16,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
    projects: groups.map((group, index) => ({
      extends: true,
      test: {
        name: group.name,
        include: group.include,
        exclude: group.exclude,
        sequence: { groupOrder: index },
      },
    })),
  },
});

export default config;
