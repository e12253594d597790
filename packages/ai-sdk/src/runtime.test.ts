import { describe, expect, inject, it } from 'vitest';

// The whole suite runs twice (vitest projects `node` and `edge`): this pins down that the edge run
// really happens in the edge runtime, where `EdgeRuntime` is defined and Web APIs come from it.
describe('runtime', () => {
  it('runs in the runtime of its vitest project', () => {
    const edgeRuntime = (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime;
    if (inject('runtime') === 'edge') expect(edgeRuntime).toBe('edge-runtime');
    else expect(edgeRuntime).toBeUndefined();
  });
});
