import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const config: Options = {
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'neutral',
  target: 'es2023',
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
};

export default config;
