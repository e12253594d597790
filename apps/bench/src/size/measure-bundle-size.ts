import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

type Manifest = {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** The package.json of `name` as resolved from `fromDirectory` (pnpm symlinks followed). */
function readManifest(
  name: string,
  fromDirectory: string,
): { manifest: Manifest; directory: string } | undefined {
  let directory = fromDirectory;
  for (;;) {
    const candidate = join(directory, 'node_modules', name, 'package.json');
    try {
      const real = realpathSync(candidate);
      return { manifest: JSON.parse(readFileSync(real, 'utf8')) as Manifest, directory: dirname(real) };
    } catch {
      const parent = dirname(directory);
      if (parent === directory) return undefined;
      directory = parent;
    }
  }
}

/**
 * What a user's bundler would not take from this package: its peer dependencies, and the peers
 * of its dependencies (e.g. `zod` behind `@ai-sdk/provider-utils`), with their subpaths.
 */
export function peerExternals(name: string, fromDirectory: string): string[] {
  const root = readManifest(name, fromDirectory);
  if (root === undefined) throw new Error(`${name} is not installed`);
  const peers = new Set(Object.keys(root.manifest.peerDependencies ?? {}));
  for (const dependency of Object.keys(root.manifest.dependencies ?? {})) {
    const nested = readManifest(dependency, root.directory);
    for (const peer of Object.keys(nested?.manifest.peerDependencies ?? {})) peers.add(peer);
  }
  peers.delete(name);
  return [...peers].flatMap((peer) => [peer, `${peer}/*`]);
}

export type BundleSize = { minifiedBytes: number; gzipBytes: number };

/**
 * Bundles `source` (e.g. `export * from "pkg"`: everything the entry exports) with esbuild —
 * minified, ESM, for Node, `external` left out — and gzips the result (level 9).
 */
export async function measureBundleSize(
  source: string,
  resolveDirectory: string,
  external: readonly string[],
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: resolveDirectory, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'node',
    target: 'es2023',
    external: [...external],
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return { minifiedBytes: output.contents.length, gzipBytes: gzipSync(output.contents, { level: 9 }).length };
}
