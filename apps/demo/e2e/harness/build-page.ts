import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * vitest global setup: builds the page from the current sources (dist/page), so the browser tests
 * never run against a stale build; `pnpm test` works without a prior `pnpm build`.
 */
export async function setup(): Promise<void> {
  // vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnvironment = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: fileURLToPath(new URL('../..', import.meta.url)),
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnvironment;
  }
}
