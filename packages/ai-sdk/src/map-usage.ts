import type { JSONObject, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { NormalizedUsage } from '@openrouter-adapters/core';

/**
 * Core's normalised usage as V4 usage. OpenRouter's prompt tokens include cache reads and
 * writes, so `noCache` is what remains; output `text` is completion minus reasoning tokens.
 */
export function mapUsage(usage: NormalizedUsage | undefined): LanguageModelV4Usage {
  if (usage === undefined) {
    return {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens),
      cacheRead: usage.cacheReadTokens,
      cacheWrite: usage.cacheWriteTokens,
    },
    outputTokens: {
      total: usage.outputTokens,
      text: Math.max(0, usage.outputTokens - usage.reasoningTokens),
      reasoning: usage.reasoningTokens,
    },
    raw: usage.raw as JSONObject,
  };
}
