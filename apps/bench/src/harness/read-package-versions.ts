import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDirectory } from './suite-paths';

/** Every package the bench measures or measures with, as installed (read from its package.json). */
export const measuredPackages: readonly { name: string; role: string }[] = [
  { name: '@openrouter-adapters/core', role: 'ours' },
  { name: '@openrouter-adapters/ai-sdk', role: 'ours' },
  { name: '@openrouter-adapters/langchain', role: 'ours' },
  { name: '@openrouter-adapters/express', role: 'ours' },
  { name: '@openrouter-adapters/emulator', role: 'ours (upstream in the gateway suites)' },
  { name: '@openrouter/ai-sdk-provider', role: 'peer (AI SDK provider)' },
  { name: '@langchain/openrouter', role: 'peer (LangChain chat model)' },
  { name: '@openrouter/sdk', role: 'peer (size only)' },
  { name: 'http-proxy-middleware', role: 'peer (byte proxy, lower bound)' },
  { name: '@portkey-ai/gateway', role: 'peer (AI gateway)' },
  { name: 'eventsource-parser', role: 'baseline (SSE parser)' },
  { name: 'ai', role: 'framework' },
  { name: '@langchain/core', role: 'framework' },
  { name: 'express', role: 'framework' },
  { name: 'autocannon', role: 'load generator (throughput cross-check)' },
  { name: 'esbuild', role: 'bundler (size suite)' },
];

/** The installed version of a direct dependency of the bench, or `undefined` when it is missing. */
export function readPackageVersion(name: string): string | undefined {
  try {
    const manifest = JSON.parse(
      readFileSync(join(benchDirectory, 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    return manifest.version;
  } catch {
    return undefined;
  }
}
