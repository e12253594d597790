import type { WireUsage } from '@openrouter-adapters/core';
import type { CataloguePricing } from '../catalogue/catalogue-types';

export type UsageInput = {
  promptTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  completionTokens: number;

  reasoningTokens: number;
  /** Output image tokens (part of `completionTokens`). */
  imageTokens?: number;
  pricing: CataloguePricing;
  /** Free models cost nothing. */
  free: boolean;
  /** Bring-your-own-key: OpenRouter charges a 5 % fee; the provider's price is the upstream cost. */
  byok: boolean;
  webSearchRequests: number;
};

const BYOK_FEE = 0.05;

/** Rounds away floating-point noise (12 decimals: far below a micro-dollar). */
export function roundUsd(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

function price(value: string | undefined, fallback: string): number {
  return Number(value ?? fallback);
}

/** OpenRouter's usage object with cost from the catalogue's per-token prices. */
export function computeUsage(input: UsageInput): WireUsage {
  const { pricing } = input;
  const uncached = Math.max(0, input.promptTokens - input.cachedTokens - input.cacheWriteTokens);
  const promptCost = input.free
    ? 0
    : uncached * price(pricing.prompt, '0') +
      input.cachedTokens * price(pricing.inputCacheRead, pricing.prompt) +
      input.cacheWriteTokens * price(pricing.inputCacheWrite, pricing.prompt);

  const imageTokens = input.imageTokens ?? 0;
  const visibleCompletion = Math.max(0, input.completionTokens - input.reasoningTokens - imageTokens);
  const completionCost = input.free
    ? 0
    : visibleCompletion * price(pricing.completion, '0') +
      input.reasoningTokens * price(pricing.internalReasoning, pricing.completion) +
      imageTokens * price(pricing.imageOutput, pricing.completion);
  const extraCost = input.free
    ? 0
    : price(pricing.request, '0') + input.webSearchRequests * price(pricing.webSearch, '0');
  const upstream = roundUsd(promptCost + completionCost + extraCost);
  const usage: WireUsage = {
    prompt_tokens: input.promptTokens,
    completion_tokens: input.completionTokens,
    total_tokens: input.promptTokens + input.completionTokens,
    cost: input.byok ? roundUsd(upstream * BYOK_FEE) : upstream,
    is_byok: input.byok,
    prompt_tokens_details: {
      cached_tokens: input.cachedTokens,
      cache_write_tokens: input.cacheWriteTokens,
      audio_tokens: 0,
      video_tokens: 0,
    },
    cost_details: {
      upstream_inference_cost: input.byok ? upstream : null,
      upstream_inference_prompt_cost: roundUsd(promptCost),
      upstream_inference_completions_cost: roundUsd(completionCost),
    },
    completion_tokens_details: {
      reasoning_tokens: input.reasoningTokens,
      image_tokens: imageTokens,
      audio_tokens: 0,
    },
  };
  if (input.webSearchRequests > 0)
    usage.server_tool_use_details = { web_search_requests: input.webSearchRequests };
  return usage;
}
