import { defineConfig, type ViteUserConfig } from 'vitest/config';

// Unit tests beside the code (src/**) and the browser end-to-end tests (e2e/**), which drive
// Debian's chromium through playwright-core against the demo server and its in-process emulator.
// The global setup builds the page first; browser files run one at a time (each starts its own
// server and browser).
const config: ViteUserConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['e2e/harness/build-page.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});

export default config;
