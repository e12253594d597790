import type { ChatResult } from '@openrouter-adapters/core';

/** The provider key LangChain uses to pick its OpenRouter content-block translator. */
export const MODEL_PROVIDER = 'openrouter';

/**
 * `response_metadata` for a finished completion. Every key appears once per message, so streamed
 * chunks can carry it on their final chunk without LangChain's merge concatenating strings.
 */
export function mapResponseMetadata(result: ChatResult, routingMetadata: unknown): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    model_provider: MODEL_PROVIDER,
    model: result.model,
    model_name: result.model,
    provider: result.provider,
    generation_id: result.generationId,
    finish_reason: result.finishReason,
    native_finish_reason: result.nativeFinishReason,
  };
  if (result.systemFingerprint !== undefined) metadata.system_fingerprint = result.systemFingerprint;
  if (result.created !== undefined) metadata.created = result.created;
  const usage = result.usage;
  if (usage !== undefined) {
    metadata.cost = usage.cost;
    metadata.is_byok = usage.isByok;
    if (usage.upstreamCost !== undefined) metadata.upstream_cost = usage.upstreamCost;
    metadata.usage = usage.raw;
  }
  if (result.logprobs !== undefined) metadata.logprobs = result.logprobs;
  if (routingMetadata !== undefined) metadata.openrouter_metadata = routingMetadata;
  return metadata;
}

/**
 * `additional_kwargs` for a finished completion: reasoning (text and the structured
 * `reasoning_details`, sent back verbatim on the next turn), refusal, annotations and images.
 */
export function mapAdditionalKwargs(result: ChatResult): Record<string, unknown> {
  const kwargs: Record<string, unknown> = {};
  if (result.reasoningDetails.length > 0) kwargs.reasoning_details = result.reasoningDetails;
  if (result.refusal !== undefined && result.refusal !== '') kwargs.refusal = result.refusal;
  if (result.annotations.length > 0) kwargs.annotations = result.annotations;
  if (result.images.length > 0) kwargs.images = result.images;
  return kwargs;
}
