import { describe, expect, it } from 'vitest';
import { packageOfUrl, profileCpu, summarizeProfile } from './profile-cpu';

describe('packageOfUrl', () => {
  it('attributes scripts to packages', () => {
    expect(packageOfUrl('file:///repo/node_modules/.pnpm/ai@7/node_modules/ai/dist/index.mjs')).toBe('ai');
    expect(packageOfUrl('file:///repo/node_modules/.pnpm/x/node_modules/@langchain/core/dist/a.js')).toBe(
      '@langchain/core',
    );
    expect(packageOfUrl('file:///work/main/packages/core/dist/index.js')).toBe('@openrouter-adapters/core');
    expect(packageOfUrl('node:internal/streams/readable')).toBe('node: internals');
    expect(packageOfUrl('', '(garbage collector)')).toBe('GC');
    expect(packageOfUrl('', '(program)')).toBe('V8 / native');
  });
});

describe('summarizeProfile', () => {
  it('sums self time by function and by package', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const summary = summarizeProfile({
      startTime: 0,
      endTime: 4_000,
      nodes: [
        { id: 1, callFrame: frame('parse', 'file:///r/node_modules/ai/dist/a.js'), hitCount: 2 },
        { id: 2, callFrame: frame('feed', 'file:///r/packages/core/dist/index.js'), hitCount: 1 },
        { id: 3, callFrame: frame('(garbage collector)', ''), hitCount: 1 },
        { id: 4, callFrame: frame('(idle)', ''), hitCount: 4 },
      ],
    });
    expect(summary.sampledMs).toBe(4);
    expect(summary.idleMs).toBe(2);
    // Shares are of busy time: idle samples are left out.
    expect(summary.packages[0]).toEqual({ name: 'ai', selfMs: 1, share: 0.5 });
    expect(summary.packages.map((entry) => entry.name)).toContain('GC');
    expect(summary.functions.map((entry) => entry.name)).toContain('feed packages/core/dist/index.js:1');
  });
});

describe('profileCpu', () => {
  it('profiles work in this process', async () => {
    const summary = await profileCpu(async () => {
      let total = 0;
      for (let index = 0; index < 2_000_000; index++) total += Math.sqrt(index);
      expect(total).toBeGreaterThan(0);
    });
    expect(summary.sampledMs).toBeGreaterThan(0);
    expect(summary.packages.length).toBeGreaterThan(0);
  });
});
