import { defineConfig } from 'vitest/config';

// Unit tests of the harness only (generator, splitter, in-memory fetch, statistics, report writers).
// Nothing here is timed: the benchmarks themselves run through the `bench*` scripts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
