import type { Extra, Open } from './open';

// GET /generation?id=gen-... (eventually consistent: a 404 right after a completion is normal).

/** One upstream attempt made while serving a generation (fallbacks appear as several). */
export type WireProviderResponse = {
  id?: string;
  endpoint_id?: string;
  model_permaslug?: string;
  provider_name?: string;
  /** HTTP status of the attempt, `null` when none was received. */
  status: number | null;
  /** Milliseconds. */
  latency?: number;
  is_byok?: boolean;
  routed_service_tier?: Open<'flex' | 'priority'>;
} & Extra;

/** The `data` of GET /generation: what was served, the tokens counted and what it cost. */
export type WireGeneration = {
  /** `gen-...`, equal to the completion's `id` and `X-Generation-Id`. */
  id: string;
  request_id?: string | null;
  upstream_id: string | null;
  /** ISO 8601. */
  created_at: string;
  /** The model that served. */
  model: string;
  provider_name: string | null;
  router: string | null;
  api_type: Open<'completions' | 'embeddings' | 'rerank' | 'tts' | 'stt' | 'video' | 'image'> | null;
  origin: string;
  app_id: number | null;
  http_referer: string | null;
  user_agent: string | null;
  external_user: string | null;
  session_id?: string | null;
  preset_id: string | null;
  workspace_id: string | null;
  data_region: Open<'global' | 'europe' | 'us'>;
  service_tier: string | null;
  /** Whether the request was streamed. */
  streamed: boolean | null;
  cancelled: boolean | null;
  finish_reason: string | null;
  native_finish_reason: string | null;
  /** Milliseconds to first token. */
  latency: number | null;
  /** Milliseconds spent generating. */
  generation_time: number | null;
  moderation_latency: number | null;
  /** Tokens as counted by OpenRouter's normalised tokenizer. */
  tokens_prompt: number | null;
  tokens_completion: number | null;
  /** Tokens as counted (and billed) by the provider. */
  native_tokens_prompt: number | null;
  native_tokens_completion: number | null;
  native_tokens_completion_images: number | null;
  native_tokens_reasoning: number | null;
  native_tokens_cached: number | null;
  num_media_prompt: number | null;
  num_media_completion: number | null;
  num_input_audio_prompt: number | null;
  num_search_results: number | null;
  num_fetches: number | null;
  web_search_engine: string | null;
  /** USD charged (credits). */
  total_cost: number;
  /** USD charged, same as `total_cost` for most generations. */
  usage: number;
  cache_discount: number | null;
  is_byok: boolean;
  /** USD charged by the upstream provider (BYOK). */
  upstream_inference_cost: number | null;
  response_cache_source_id?: string | null;
  provider_responses: WireProviderResponse[] | null;
} & Extra;

export type WireGenerationResponse = { data: WireGeneration } & Extra;
