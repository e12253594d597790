import { join, relative } from 'node:path';
import { build } from 'esbuild';

export type FolderBytes = { folder: string; minifiedBytes: number };

/**
 * Where core's minified bytes come from, by source folder: core's `src/index.ts` bundled the way
 * the size suite bundles its `dist` (minified ESM, everything exported), with esbuild's metafile
 * attributing output bytes to input files. An analysis aid for the size target, not a published
 * number (the published number is the `dist` bundle).
 */
export async function attributeCoreBytes(benchDirectory: string): Promise<FolderBytes[]> {
  const coreDirectory = join(benchDirectory, '..', '..', 'packages', 'core');
  const result = await build({
    entryPoints: [join(coreDirectory, 'src', 'index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2023',
    write: false,
    metafile: true,
    outdir: join(benchDirectory, '.cache', 'core-attribution'),
    define: { __PACKAGE_VERSION__: '"0.0.0"' },
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find(
    (candidate) => candidate.entryPoint !== undefined,
  );
  if (output === undefined) throw new Error('esbuild produced no entry output');
  const folders = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const path = relative(join(coreDirectory, 'src'), join(process.cwd(), file)).split('/');
    const folder = path.length > 1 ? `${path[0]}/` : (path[0] ?? file);
    folders.set(folder, (folders.get(folder) ?? 0) + bytesInOutput);
  }
  return [...folders]
    .map(([folder, minifiedBytes]) => ({ folder, minifiedBytes }))
    .sort((left, right) => right.minifiedBytes - left.minifiedBytes);
}
