import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/**
 * The build every publishable package shares: ESM only, ES2023, declarations and source maps, and
 * `__PACKAGE_VERSION__` replaced by the package's version (for the client identifier).
 *
 *   export default packageBuild(import.meta.url, { platform: 'node' });
 */
export function packageBuild(configUrl: string, options: Pick<Options, 'entry' | 'platform'> = {}): Options {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', configUrl), 'utf8')) as {
    version: string;
  };
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    platform: 'neutral',
    target: 'es2023',
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    ...options,
  };
}
