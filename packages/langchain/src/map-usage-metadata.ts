import type { UsageMetadata } from '@langchain/core/messages';
import type { NormalizedUsage } from '@openrouter-adapters/core';

/**
 * Maps core's normalised usage to LangChain's `usage_metadata`, keeping every detail OpenRouter
 * reports: cache reads and writes, reasoning tokens, audio/image/video tokens.
 */
export function mapUsageMetadata(usage: NormalizedUsage): UsageMetadata {
  const promptDetails = usage.raw.prompt_tokens_details;
  const completionDetails = usage.raw.completion_tokens_details;
  const inputTokenDetails: NonNullable<UsageMetadata['input_token_details']> = {
    cache_read: usage.cacheReadTokens,
    cache_creation: usage.cacheWriteTokens,
  };
  if (typeof promptDetails?.audio_tokens === 'number') inputTokenDetails.audio = promptDetails.audio_tokens;
  if (typeof promptDetails?.video_tokens === 'number') inputTokenDetails.video = promptDetails.video_tokens;
  const outputTokenDetails: NonNullable<UsageMetadata['output_token_details']> = {
    reasoning: usage.reasoningTokens,
  };
  if (typeof completionDetails?.audio_tokens === 'number')
    outputTokenDetails.audio = completionDetails.audio_tokens;
  if (typeof completionDetails?.image_tokens === 'number')
    outputTokenDetails.image = completionDetails.image_tokens;
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    input_token_details: inputTokenDetails,
    output_token_details: outputTokenDetails,
  };
}
