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

/**
 * Converts OpenRouter's usage object to the normalised shape. Tolerant of what arrives: missing,
 * `null` or non-numeric counts become 0, `total_tokens` falls back to input + output, and cost
 * fields stay `undefined` unless reported.
 */
export function normalizeUsage(usage: WireUsage): NormalizedUsage {
  const source: Partial<WireUsage> = typeof usage === 'object' && usage !== null ? usage : {};
  const inputTokens = count(source.prompt_tokens);
  const outputTokens = count(source.completion_tokens);
  return {
    inputTokens,
    cacheReadTokens: count(source.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: count(source.prompt_tokens_details?.cache_write_tokens),
    outputTokens,
    reasoningTokens: count(source.completion_tokens_details?.reasoning_tokens),
    totalTokens: isNumber(source.total_tokens) ? source.total_tokens : inputTokens + outputTokens,
    cost: isNumber(source.cost) ? source.cost : undefined,
    isByok: source.is_byok === true,
    upstreamCost: isNumber(source.cost_details?.upstream_inference_cost)
      ? source.cost_details.upstream_inference_cost
      : undefined,
    raw: usage,
  };
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function count(value: unknown): number {
  return isNumber(value) ? value : 0;
}
