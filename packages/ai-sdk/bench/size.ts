// Published bundle size, minified + gzip, excluding peers (`ai`, `zod`) and core: this provider
// vs @openrouter/ai-sdk-provider@3 (whose dist bundles its own helpers).
//
//   pnpm --filter @openrouter-adapters/ai-sdk build && pnpm --filter @openrouter-adapters/ai-sdk size

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['ai', 'zod', 'zod/*', '@openrouter-adapters/core'];

async function measure(contents: string): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: packageDirectory, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2023',
    external,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const ours = await measure(`export * from ${JSON.stringify(join(packageDirectory, 'dist/index.js'))};`);
const official = await measure(`export * from '@openrouter/ai-sdk-provider';`);
const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(2)} kB`;
process.stdout.write(
  [
    'Bundle size (esbuild, minified; external: ai, zod, @openrouter-adapters/core)',
    '',
    '| package | minified | min + gzip |',
    '|---|---:|---:|',
    `| @openrouter-adapters/ai-sdk | ${kilobytes(ours.minified)} | ${kilobytes(ours.gzip)} |`,
    `| @openrouter/ai-sdk-provider@3.1.0 | ${kilobytes(official.minified)} | ${kilobytes(official.gzip)} |`,
    '',
    `Ours is ${((ours.gzip / official.gzip) * 100).toFixed(0)} % of the official provider's size (target: smaller).`,
    '',
  ].join('\n'),
);
process.exit(ours.gzip < official.gzip ? 0 : 1);
