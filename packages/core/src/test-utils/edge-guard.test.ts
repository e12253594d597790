import { describe, expect, it } from 'vitest';
import { guardEdgeModule, isCodeUnderTest, nodeOnlyGlobals } from './edge-guard';

describe('the edge project guard', () => {
  it.each([
    "import { Buffer } from 'node:buffer';",
    'import fs from "fs";',
    "export * from 'node:path';",
    "const crypto = await import('node:crypto');",
  ])('fails a core module that imports a Node built-in: %s', (code) => {
    expect(() => guardEdgeModule(code, '/core/src/x.ts')).toThrow(/must not depend on Node built-ins/);
  });

  it('makes Node-only globals undefined inside core modules', () => {
    const probe = nodeOnlyGlobals.map((name) => `typeof ${name}`).join(', ');
    const run = new Function(guardEdgeModule(`return [${probe}];`, '/core/src/x.ts')) as () => string[];
    expect(run()).toEqual(nodeOnlyGlobals.map(() => 'undefined'));
    expect(nodeOnlyGlobals).toEqual(expect.arrayContaining(['Buffer', 'process', 'setImmediate', 'global']));
  });

  it('applies to core modules only, not to tests, test helpers or fixtures', () => {
    expect(isCodeUnderTest('/pkg/src/client/execute-request.ts')).toBe(true);
    expect(isCodeUnderTest('/pkg/src/client/retries.test.ts')).toBe(false);
    expect(isCodeUnderTest('/pkg/src/test-utils/start-test-server.ts')).toBe(false);
    expect(isCodeUnderTest('/pkg/src/client/__fixtures__/test-server.ts')).toBe(false);
    expect(isCodeUnderTest('/pkg/node_modules/x/src/index.js')).toBe(false);
  });

  it("runs the edge project on the edge runtime's fetch, streams and TextDecoder (not Node's)", () => {
    const isEdgeProject = typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string';
    const installed = (globalThis as Record<symbol, unknown>)[
      Symbol.for('openrouter-adapters.test.edge-globals')
    ];
    // Both true in the `edge` project, both false in the `node` project.
    expect(installed === true).toBe(isEdgeProject);
  });
});
