import type { WireUsage } from './wire/usage';

/** One normalised usage shape for every adapter. Token counts are never undefined once usage arrived. */
export type NormalizedUsage = {
  /** Prompt tokens, including cached ones. */
  inputTokens: number;
  /** Prompt tokens read from the provider's cache. */
  cacheReadTokens: number;
  /** Prompt tokens written to the provider's cache. */
  cacheWriteTokens: number;
  /** Completion tokens, including reasoning. */
  outputTokens: number;
  /** Completion tokens spent on reasoning. */
  reasoningTokens: number;
  totalTokens: number;
  /** USD (credits) charged by OpenRouter; `undefined` when not reported. */
  cost: number | undefined;
  /** Bring-your-own-key request (`cost` is OpenRouter's fee; see `upstreamCost`). */
  isByok: boolean;
  /** USD charged by the upstream provider (BYOK). */
  upstreamCost: number | undefined;
  /** The wire object as received. */
  raw: WireUsage;
};

/** Converts OpenRouter's usage object to the normalised shape (missing numbers become 0). */
export function normalizeUsage(usage: WireUsage): NormalizedUsage {
  const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  const optional = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  const inputTokens = num(usage.prompt_tokens);
  const outputTokens = num(usage.completion_tokens);
  return {
    inputTokens,
    cacheReadTokens: num(usage.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: num(usage.prompt_tokens_details?.cache_write_tokens),
    outputTokens,
    reasoningTokens: num(usage.completion_tokens_details?.reasoning_tokens),
    totalTokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : inputTokens + outputTokens,
    cost: optional(usage.cost),
    isByok: usage.is_byok === true,
    upstreamCost: optional(usage.cost_details?.upstream_inference_cost),
    raw: usage,
  };
}
