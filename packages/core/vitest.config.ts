import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { edgeGuard } from './src/test-utils/edge-guard.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// Every core test runs twice: in Node, and in the edge runtime: `@edge-runtime/vm`'s fetch, streams,
// TextDecoder, AbortSignal and Web Crypto (installed by the setup file) plus the edge guard, which
// proves the code under test needs no Node built-in or Node-only global.
export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        plugins: [edgeGuard()],
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          setupFiles: ['./src/test-utils/install-edge-globals.ts'],
          include: ['src/**/*.test.ts'],
        },
      },
    ],
  },
});
