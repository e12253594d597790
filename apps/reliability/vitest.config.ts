import { defineConfig } from 'vitest/config';

// The reliability suite: every file starts its own emulator (and middleware); the global setup
// starts the real redis-server processes and merges each file's figures into results/latest.json.
// Files run in separate processes so RSS and active-resource figures belong to one file each.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/harness/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    execArgv: ['--expose-gc'],
    maxConcurrency: 16,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
  },
});
