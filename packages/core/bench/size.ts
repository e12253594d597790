// Core's published bundle size: minified + gzipped, as a user's bundler would ship it.
//
//   pnpm --filter @openrouter-adapters/core build && node bench/size.ts
//
// Bundles dist/index.js with esbuild (minify, ESM, platform neutral), reports raw/min/gzip/brotli
// bytes for the whole entry and for typical partial imports, and exits 1 when the whole entry is
// over the budget.

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const budgetBytes = 12 * 1024;
const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(packageDirectory, 'dist/index.js');

if (!existsSync(entry)) {
  process.stderr.write(
    `size: ${entry} not found; run \`pnpm --filter @openrouter-adapters/core build\` first\n`,
  );
  process.exit(2);
}

type Measurement = { name: string; minified: number; gzip: number; brotli: number };

async function measure(name: string, contents: string): Promise<Measurement> {
  const result = await build({
    stdin: { contents, resolveDir: packageDirectory, sourcefile: `${name}.js`, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2023',
    treeShaking: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    name,
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

const distEntry = JSON.stringify(entry);
const measurements = [
  await measure('whole entry (export *)', `export * from ${distEntry};`),
  await measure('client only', `export { createOpenRouterClient } from ${distEntry};`),
  await measure('options only', `export { validateOptions, toWireRequest, mergeOptions } from ${distEntry};`),
  await measure('SSE decoder only', `export { createSseDecoder, decodeSse } from ${distEntry};`),
];

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(2)} kB`;
const rows = measurements.map(
  (row) => `| ${row.name} | ${kilobytes(row.minified)} | ${kilobytes(row.gzip)} | ${kilobytes(row.brotli)} |`,
);
process.stdout.write(
  [
    `@openrouter-adapters/core bundle size (dist/index.js: ${kilobytes(statSync(entry).size)} unminified)`,
    '',
    '| import | minified | min + gzip | min + brotli |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n'),
);

const whole = measurements[0];
if (whole === undefined) process.exit(2);
const verdict = whole.gzip < budgetBytes ? 'within' : 'OVER';
process.stdout.write(
  `Whole entry, min + gzip: ${whole.gzip} bytes; budget ${budgetBytes} bytes (12 kB): ${verdict} budget.\n`,
);
process.exit(whole.gzip < budgetBytes ? 0 : 1);
