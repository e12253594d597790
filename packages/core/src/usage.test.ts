import { describe, expect, test } from 'vitest';
import { type NormalizedUsage, normalizeUsage } from './usage';
import type { WireUsage } from './wire/usage';

describe('normalizeUsage', () => {
  test('a complete usage object (cache read/write, reasoning, cost, upstream cost)', () => {
    const usage: WireUsage = {
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      cost: 0.0042,
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 150, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 120, image_tokens: 0 },
      cost_details: {
        upstream_inference_cost: 0.004,
        upstream_inference_prompt_cost: 0.003,
        upstream_inference_completions_cost: 0.001,
      },
      server_tool_use_details: { web_search_requests: 1 },
    };
    expect(normalizeUsage(usage)).toEqual<NormalizedUsage>({
      inputTokens: 1200,
      cacheReadTokens: 1000,
      cacheWriteTokens: 150,
      outputTokens: 300,
      reasoningTokens: 120,
      totalTokens: 1500,
      cost: 0.0042,
      isByok: false,
      upstreamCost: 0.004,
      raw: usage,
    });
  });

  test('the minimal usage-only final chunk shape (no details, no cost)', () => {
    const usage: WireUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    expect(normalizeUsage(usage)).toEqual<NormalizedUsage>({
      inputTokens: 10,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 5,
      reasoningTokens: 0,
      totalTokens: 15,
      cost: undefined,
      isByok: false,
      upstreamCost: undefined,
      raw: usage,
    });
  });

  test('null details and null cost (as some providers send them)', () => {
    const usage: WireUsage = {
      prompt_tokens: 7,
      completion_tokens: 3,
      total_tokens: 10,
      cost: null,
      prompt_tokens_details: null,
      completion_tokens_details: null,
      cost_details: null,
    };
    const normalized = normalizeUsage(usage);
    expect(normalized.cacheReadTokens).toBe(0);
    expect(normalized.cacheWriteTokens).toBe(0);
    expect(normalized.reasoningTokens).toBe(0);
    expect(normalized.cost).toBeUndefined();
    expect(normalized.upstreamCost).toBeUndefined();
  });

  test('details with null counts', () => {
    const normalized = normalizeUsage({
      prompt_tokens: 7,
      completion_tokens: 3,
      total_tokens: 10,
      prompt_tokens_details: { cached_tokens: null },
      completion_tokens_details: { reasoning_tokens: null },
    });
    expect([normalized.cacheReadTokens, normalized.reasoningTokens]).toEqual([0, 0]);
  });

  test('BYOK: isByok and the upstream cost, with OpenRouter fee as cost', () => {
    const normalized = normalizeUsage({
      prompt_tokens: 100,
      completion_tokens: 50,
      total_tokens: 150,
      cost: 0.00005,
      is_byok: true,
      cost_details: { upstream_inference_cost: 0.001 },
    });
    expect(normalized.isByok).toBe(true);
    expect(normalized.cost).toBe(0.00005);
    expect(normalized.upstreamCost).toBe(0.001);
  });

  test('free models report cost 0 (not undefined)', () => {
    expect(normalizeUsage({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0 }).cost).toBe(0);
  });

  test('a missing or invalid total falls back to input + output', () => {
    const missing = { prompt_tokens: 4, completion_tokens: 6 } as WireUsage;
    expect(normalizeUsage(missing).totalTokens).toBe(10);
    const invalid = { prompt_tokens: 4, completion_tokens: 6, total_tokens: Number.NaN } as WireUsage;
    expect(normalizeUsage(invalid).totalTokens).toBe(10);
  });

  test('non-numeric counts and a truthy non-boolean is_byok are not trusted', () => {
    const odd = {
      prompt_tokens: '12',
      completion_tokens: null,
      total_tokens: 12,
      is_byok: 'true',
    } as unknown as WireUsage;
    const normalized = normalizeUsage(odd);
    expect([normalized.inputTokens, normalized.outputTokens, normalized.isByok]).toEqual([0, 0, false]);
  });

  test('a non-object at runtime gives zero counts instead of throwing', () => {
    const normalized = normalizeUsage(null as unknown as WireUsage);
    expect(normalized.totalTokens).toBe(0);
    expect(normalized.raw).toBeNull();
  });

  test('keeps the wire object as raw (same reference, unknown keys included)', () => {
    const usage = {
      prompt_tokens: 1,
      completion_tokens: 1,
      total_tokens: 2,
      future_field: { x: 1 },
    } as WireUsage;
    expect(normalizeUsage(usage).raw).toBe(usage);
  });
});
