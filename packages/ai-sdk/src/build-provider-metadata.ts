import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type {
  ChatResult,
  OpenRouterError,
  WireAnnotation,
  WireLogprobs,
  WireReasoningDetail,
} from '@openrouter-adapters/core';

/** `providerMetadata.openrouter` of a chat result (on `finish` and on `doGenerate`). */
export type OpenRouterProviderMetadata = {
  /** The provider that served, e.g. "OpenAI". */
  provider?: string;
  /** The model that served (after `models` fallbacks and aliases). */
  model?: string;
  /** `gen-...`: look it up with `/generation?id=`. */
  generationId?: string;
  /** USD (credits) charged by OpenRouter. */
  cost?: number;
  /** Bring-your-own-key request (`cost` is OpenRouter's fee; see `upstreamCost`). */
  isByok: boolean;
  /** USD charged by the upstream provider (BYOK). */
  upstreamCost?: number;
  /** The merged `reasoning_details`, exactly as OpenRouter sent them. */
  reasoningDetails: WireReasoningDetail[];
  /** Every annotation (`url_citation`, `file`, unknown types) as received. */
  annotations: WireAnnotation[];
  /** The upstream provider's own finish reason (`end_turn`, `STOP`, ...). */
  nativeFinishReason?: string;
  /** Token log probabilities when `logprobs` was requested. */
  logprobs?: WireLogprobs;
  /** A refusal message, when the model refused. */
  refusal?: string;
  systemFingerprint?: string;
  /** The in-band error that ended the stream (finish reason `error` or `interrupted`). */
  error?: { name: string; message: string; code?: number | string; status?: number };
};

/** What provider metadata is built from: a chat result, a partial one, or a completion's fields. */
export type ProviderMetadataSource = Partial<
  Pick<
    ChatResult,
    | 'provider'
    | 'model'
    | 'generationId'
    | 'nativeFinishReason'
    | 'logprobs'
    | 'refusal'
    | 'systemFingerprint'
    | 'usage'
    | 'reasoningDetails'
    | 'annotations'
  >
>;

/** Builds `providerMetadata` (`{ openrouter: ... }`) from a full or partial result. */
export function buildProviderMetadata(
  result: ProviderMetadataSource | undefined,
  error?: OpenRouterError | { message: string; code?: number | string },
): SharedV4ProviderMetadata {
  const usage = result?.usage;
  const metadata: OpenRouterProviderMetadata = {
    isByok: usage?.isByok ?? false,
    reasoningDetails: result?.reasoningDetails ?? [],
    annotations: result?.annotations ?? [],
  };
  if (result !== undefined) {
    if (result.provider !== undefined) metadata.provider = result.provider;
    if (result.model !== undefined) metadata.model = result.model;
    if (result.generationId !== undefined) metadata.generationId = result.generationId;
    if (result.nativeFinishReason !== undefined) metadata.nativeFinishReason = result.nativeFinishReason;
    if (result.logprobs !== undefined) metadata.logprobs = result.logprobs;
    if (result.refusal !== undefined) metadata.refusal = result.refusal;
    if (result.systemFingerprint !== undefined) metadata.systemFingerprint = result.systemFingerprint;
  }
  if (usage?.cost !== undefined) metadata.cost = usage.cost;
  if (usage?.upstreamCost !== undefined) metadata.upstreamCost = usage.upstreamCost;
  if (error !== undefined) metadata.error = describeError(error);
  return { openrouter: metadata as unknown as SharedV4ProviderMetadata[string] };
}

function describeError(
  error: OpenRouterError | { message: string; code?: number | string },
): NonNullable<OpenRouterProviderMetadata['error']> {
  const described: NonNullable<OpenRouterProviderMetadata['error']> = {
    name: 'name' in error ? error.name : 'StreamError',
    message: error.message,
  };
  if (error.code !== undefined) described.code = error.code;
  if ('status' in error && error.status !== undefined) described.status = error.status;
  return described;
}
