import type { WireUsage } from '@openrouter-adapters/core';
import type { CatalogueModel, CatalogueProvider } from '../catalogue/catalogue-types';
import type { GenerationRecord } from '../server/emulator-state';
import type { RouteAttempt } from './route-request';

export type GenerationInput = {
  id: string;
  model: CatalogueModel;
  provider: CatalogueProvider;
  attempts: RouteAttempt[];
  usage: WireUsage;
  streamed: boolean;
  cancelled: boolean;
  finishReason: string | null;
  nativeFinishReason: string | null;
  startedAt: number;
  endedAt: number;
  firstTokenMs: number;
  apiType: 'completions' | 'embeddings';
  referer: string | undefined;
  userAgent: string | undefined;
  externalUser?: string | undefined;
  sessionId?: string | undefined;
  router?: string | null;
};

/** `GET /generation` data for a served request: what actually served, tokens, cost, attempts. */
export function buildGenerationRecord(input: GenerationInput): GenerationRecord {
  const usage = input.usage;
  const details = usage.prompt_tokens_details ?? {};
  const completionDetails = usage.completion_tokens_details ?? {};
  const cost = typeof usage.cost === 'number' ? usage.cost : 0;
  const upstream = usage.cost_details?.upstream_inference_cost;
  const totalMs = Math.max(0, input.endedAt - input.startedAt);
  return {
    id: input.id,
    upstream_id: `${input.provider.slug}-${input.id.slice(-12)}`,
    total_cost: cost,
    cache_discount: null,
    upstream_inference_cost: typeof upstream === 'number' ? upstream : null,
    created_at: new Date(input.startedAt).toISOString(),
    model: input.model.id,
    app_id: null,
    streamed: input.streamed,
    cancelled: input.cancelled,
    provider_name: input.provider.name,
    latency: Math.round(input.firstTokenMs),
    moderation_latency: null,
    generation_time: totalMs,
    finish_reason: input.finishReason,
    native_finish_reason: input.nativeFinishReason,
    service_tier: null,
    tokens_prompt: usage.prompt_tokens,
    tokens_completion: usage.completion_tokens,
    native_tokens_prompt: usage.prompt_tokens,
    native_tokens_completion: usage.completion_tokens,
    native_tokens_completion_images: null,
    native_tokens_reasoning:
      typeof completionDetails.reasoning_tokens === 'number' ? completionDetails.reasoning_tokens : 0,
    native_tokens_cached: typeof details.cached_tokens === 'number' ? details.cached_tokens : 0,
    num_media_prompt: null,
    num_input_audio_prompt: null,
    num_media_completion: null,
    num_search_results: usage.server_tool_use_details ? 5 : null,
    num_fetches: null,
    web_search_engine: usage.server_tool_use_details ? 'exa' : null,
    origin: input.referer ?? '',
    usage: cost,
    is_byok: usage.is_byok === true,
    external_user: input.externalUser ?? null,
    api_type: input.apiType,
    preset_id: null,
    router: input.router ?? null,
    provider_responses: input.attempts.map((attempt, index) => ({
      id: `${input.id}-${index}`,
      endpoint_id: `${attempt.model.id}@${attempt.provider.slug}`,
      model_permaslug: attempt.model.canonicalSlug,
      provider_name: attempt.provider.name,
      status: attempt.status,
      latency: attempt.status === 200 ? Math.round(input.firstTokenMs) : 12,
      is_byok: usage.is_byok === true,
    })),
    user_agent: input.userAgent ?? null,
    http_referer: input.referer ?? null,
    data_region: 'global',
    workspace_id: null,
    session_id: input.sessionId ?? null,
    request_id: null,
    response_cache_source_id: null,
  };
}
