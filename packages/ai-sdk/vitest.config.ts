import { readFileSync } from 'node:fs';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const config: ViteUserConfig = defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    // One emulator for both projects, in the main process; tests reach it over loopback HTTP.
    globalSetup: ['src/test-utils/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'node', environment: 'node', provide: { runtime: 'node' } } },
      { extends: true, test: { name: 'edge', environment: 'edge-runtime', provide: { runtime: 'edge' } } },
    ],
  },
});

export default config;
