import { builtinModules } from 'node:module';
import type { Plugin } from 'vitest/config';

/** Node-only globals that edge runtimes and browsers do not have (or only as a partial shim). */
export const nodeOnlyGlobals: readonly string[] = [
  'Buffer',
  'global',
  'process',
  'setImmediate',
  'clearImmediate',
  'require',
  '__dirname',
  '__filename',
];

const builtins: ReadonlySet<string> = new Set(builtinModules);
const specifiers = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;
const shadow = `let ${nodeOnlyGlobals.join(', ')};`;

/** Core's own modules: src/, except tests, test helpers and fixtures (those may use node:http). */
export function isCodeUnderTest(file: string): boolean {
  return (
    file.includes('/src/') &&
    !file.includes('/node_modules/') &&
    !file.endsWith('.test.ts') &&
    !file.includes('/test-utils/') &&
    !file.includes('/__fixtures__/')
  );
}

/**
 * Throws when `code` imports a Node built-in; otherwise returns it with every Node-only global
 * shadowed by an `undefined` module variable (on the first line, so source maps stay right).
 */
export function guardEdgeModule(code: string, file: string): string {
  for (const match of code.matchAll(specifiers)) {
    const source = match[1] ?? '';
    if (source.startsWith('node:') || builtins.has(source)) {
      throw new Error(
        `${file} imports "${source}": core must not depend on Node built-ins (edge runtimes, browsers)`,
      );
    }
  }
  return `${shadow}${code}`;
}

/**
 * The edge project's guard for the code under test: importing a Node built-in fails the test run,
 * and Node-only globals (`Buffer`, `process`, `setImmediate`...) are `undefined` inside core's
 * modules, so code that reaches for them breaks here instead of in production. Statically, `tsc`
 * (core's tsconfig has no Node types) and biome's `noNodejsModules` catch the same mistakes.
 */
export function edgeGuard(): Plugin {
  return {
    name: 'core:edge-guard',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!isCodeUnderTest(file)) return null;
      try {
        return { code: guardEdgeModule(code, file), map: null };
      } catch (error) {
        return this.error((error as Error).message);
      }
    },
  };
}
