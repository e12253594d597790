import { describe, expect, test } from 'vitest';
import { mergeOptions } from './merge-options';
import type { OpenRouterOptions } from './openrouter-options';
import { validateOptions } from './validate-options';

describe('mergeOptions', () => {
  test('no levels, or only undefined levels, give empty options', () => {
    expect(mergeOptions()).toEqual({});
    expect(mergeOptions(undefined, undefined)).toEqual({});
  });

  test('later levels win for plain values', () => {
    expect(
      mergeOptions({ temperature: 0.2, user: 'a' }, { temperature: 0.9 }, undefined, { seed: 1 }),
    ).toEqual({
      temperature: 0.9,
      user: 'a',
      seed: 1,
    });
  });

  test('undefined never overrides, at the top level or inside merged objects', () => {
    expect(
      mergeOptions(
        { temperature: 0.2, provider: { sort: 'price', zdr: true } },
        { temperature: undefined, provider: { sort: undefined, zdr: false } },
      ),
    ).toEqual({ temperature: 0.2, provider: { sort: 'price', zdr: false } });
  });

  test('provider, reasoning, promptCaching, trace, metadata, webSearch and debug merge one level deep', () => {
    const defaults: OpenRouterOptions = {
      provider: { dataCollection: 'deny', order: ['anthropic'], maxPrice: { prompt: 1, completion: 2 } },
      reasoning: { effort: 'low' },
      promptCaching: { key: 'k1' },
      trace: { traceId: 't1' },
      metadata: { tenant: 'acme' },
      webSearch: { maxResults: 2 },
      debug: { echoUpstreamBody: false },
    };
    const call: OpenRouterOptions = {
      provider: { sort: 'throughput', maxPrice: { completion: 5 } },
      reasoning: { exclude: true },
      promptCaching: { ttl: '1h' },
      trace: { spanName: 'chat' },
      metadata: { request: 'r1' },
      webSearch: { searchContextSize: 'high' },
      debug: { echoUpstreamBody: true },
    };
    expect(mergeOptions(defaults, call)).toEqual({
      // maxPrice is a value of provider: replaced, not merged (one level deep).
      provider: {
        dataCollection: 'deny',
        order: ['anthropic'],
        sort: 'throughput',
        maxPrice: { completion: 5 },
      },
      reasoning: { effort: 'low', exclude: true },
      promptCaching: { key: 'k1', ttl: '1h' },
      trace: { traceId: 't1', spanName: 'chat' },
      metadata: { tenant: 'acme', request: 'r1' },
      webSearch: { maxResults: 2, searchContextSize: 'high' },
      debug: { echoUpstreamBody: true },
    });
  });

  test('arrays are replaced, not concatenated', () => {
    expect(
      mergeOptions(
        {
          models: ['a/one', 'a/two'],
          provider: { order: ['x', 'y'] },
          stop: ['A'],
          plugins: [{ id: 'web' }],
        },
        { models: ['b/three'], provider: { order: ['z'] }, stop: 'B', plugins: [{ id: 'moderation' }] },
      ),
    ).toEqual({
      models: ['b/three'],
      provider: { order: ['z'] },
      stop: 'B',
      plugins: [{ id: 'moderation' }],
    });
  });

  test('objects outside the merged list are replaced', () => {
    expect(mergeOptions({ logitBias: { '1': 5, '2': 5 } }, { logitBias: { '3': -5 } })).toEqual({
      logitBias: { '3': -5 },
    });
  });

  test('does not mutate its inputs and shares nothing with them', () => {
    const first: OpenRouterOptions = { provider: { order: ['x'] }, models: ['a/b'] };
    const second: OpenRouterOptions = { provider: { only: ['x'] } };
    const merged = mergeOptions(first, second);
    merged.provider?.order?.push('mutated');
    merged.models?.push('mutated');
    expect(first).toEqual({ provider: { order: ['x'] }, models: ['a/b'] });
    expect(second).toEqual({ provider: { only: ['x'] } });
  });

  test('a __proto__ key stays a data key (no prototype change) so validation can reject it', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "provider": {"__proto__": {"x": 1}}}');
    const merged = mergeOptions({ temperature: 1 }, hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toContain('__proto__');
    expect(() => validateOptions(merged)).toThrow(/__proto__/);
  });
});
