import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Node-only globals that edge runtimes and browsers do not have. */
const nodeGlobals = [
  'Buffer',
  'global',
  'setImmediate',
  'clearImmediate',
  'require',
  '__dirname',
  '__filename',
];

/**
 * Edge project guard for the code under test (src/, except tests, test-utils and fixtures):
 * importing a Node built-in fails the test, and Node-only globals are shadowed with `undefined`
 * in each module, so code that reaches for them breaks here instead of in production. Test files
 * may still use node:http to start local servers; the platform's own fetch keeps working.
 */
function edgeGuard(): Plugin {
  const builtins = new Set(builtinModules);
  const specifiers = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;
  const shadow = `let ${nodeGlobals.join(', ')};`;
  return {
    name: 'core:edge-guard',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      const isCodeUnderTest =
        file.includes('/src/') &&
        !file.includes('/node_modules/') &&
        !file.endsWith('.test.ts') &&
        !file.includes('/test-utils/') &&
        !file.includes('/__fixtures__/');
      if (!isCodeUnderTest) return null;
      for (const match of code.matchAll(specifiers)) {
        const source = match[1] ?? '';
        if (source.startsWith('node:') || builtins.has(source)) {
          this.error(
            `${file} imports "${source}": core must not depend on Node built-ins (edge runtimes, browsers)`,
          );
        }
      }
      // Same line as the first line of code, so source maps keep their line numbers.
      return { code: `${shadow}${code}`, map: null };
    },
  };
}

// Every core test runs twice: in Node, and in the edge runtime (`@edge-runtime/vm` globals plus the
// guard above, which proves the code under test needs no Node built-in or Node-only global).
export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        plugins: [edgeGuard()],
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: ['src/**/*.test.ts'],
        },
      },
    ],
  },
});
