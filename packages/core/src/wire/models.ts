import type { WireQuantization } from './chat-request';
import type { Extra, Open } from './open';

// GET /models, GET /models/{author}/{slug}/endpoints. Prices are decimal strings, USD per token
// (per request / per image for those keys): parse them with care, never as binary floats for sums.

/** A request parameter a model or endpoint supports (`supported_parameters`). */
export type WireSupportedParameter = Open<
  | 'temperature'
  | 'top_p'
  | 'top_k'
  | 'min_p'
  | 'top_a'
  | 'frequency_penalty'
  | 'presence_penalty'
  | 'repetition_penalty'
  | 'max_tokens'
  | 'max_completion_tokens'
  | 'logit_bias'
  | 'logprobs'
  | 'top_logprobs'
  | 'prediction'
  | 'seed'
  | 'response_format'
  | 'structured_outputs'
  | 'stop'
  | 'tools'
  | 'tool_choice'
  | 'parallel_tool_calls'
  | 'include_reasoning'
  | 'reasoning'
  | 'reasoning_effort'
  | 'web_search_options'
  | 'verbosity'
>;
export type WireInputModality = Open<'text' | 'image' | 'file' | 'audio' | 'video'>;
export type WireOutputModality = Open<
  'text' | 'image' | 'embeddings' | 'audio' | 'video' | 'rerank' | 'speech' | 'transcription'
>;

export type WireModelPricing = {
  prompt: string;
  completion: string;
  request?: string;
  image?: string;
  image_token?: string;
  image_output?: string;
  audio?: string;
  audio_output?: string;
  input_audio_cache?: string;
  input_cache_read?: string;
  input_cache_write?: string;
  input_cache_write_1h?: string;
  internal_reasoning?: string;
  web_search?: string;
  /** A fraction, e.g. 0.25 for 25 % off. */
  discount?: number;
  /** Time- or size-dependent prices. */
  overrides?: Array<
    {
      prompt?: string;
      completion?: string;
      audio?: string;
      input_audio_cache?: string;
      input_cache_read?: string;
      input_cache_write?: string;
      input_cache_write_1h?: string;
      min_prompt_tokens?: number;
      utc_start?: number;
      utc_end?: number;
    } & Extra
  >;
} & Extra;

export type WireModelArchitecture = {
  /** E.g. `text+image->text`. */
  modality: string | null;
  input_modalities: WireInputModality[];
  output_modalities: WireOutputModality[];
  /** Tokenizer family, e.g. `GPT`, `Claude`. */
  tokenizer?: string | null;
  instruct_type?: string | null;
} & Extra;

export type WireTopProvider = {
  context_length?: number | null;
  max_completion_tokens?: number | null;
  is_moderated: boolean;
} & Extra;

export type WirePerRequestLimits = { prompt_tokens: number; completion_tokens: number } & Extra;

export type WireModelReasoning = {
  mandatory: boolean;
  default_enabled?: boolean;
  default_effort?: string | null;
  supported_efforts?: string[] | null;
  supports_max_tokens?: boolean;
} & Extra;

/** One entry of GET /models. */
export type WireModel = {
  /** `author/slug`, the id to request. */
  id: string;
  /** The permanent, dated slug the id currently points at. */
  canonical_slug: string;
  name: string;
  /** Unix seconds. */
  created: number;
  description?: string;
  context_length: number | null;
  architecture: WireModelArchitecture;
  pricing: WireModelPricing;
  top_provider: WireTopProvider;
  per_request_limits: WirePerRequestLimits | null;
  supported_parameters: WireSupportedParameter[];
  default_parameters?: {
    temperature?: number | null;
    top_p?: number | null;
    top_k?: number | null;
    frequency_penalty?: number | null;
    presence_penalty?: number | null;
    repetition_penalty?: number | null;
  } | null;
  hugging_face_id?: string | null;
  knowledge_cutoff?: string | null;
  expiration_date?: string | null;
  supported_voices?: string[] | null;
  links?: { details: string } & Extra;
  reasoning?: WireModelReasoning;
  /** For aliases (`~author/family-latest`): the model it resolves to. */
  alias_target?: { name: string; slug: string } & Extra;
  benchmarks?: Extra;
} & Extra;

/** GET /models body. */
export type WireModelsResponse = {
  data: WireModel[];
  total_count?: number;
  links?: { next: string | null } & Extra;
} & Extra;

/**
 * GET /models query filters, with the keys and value formats the API takes. (`use_rss` is left out:
 * it turns the answer into an RSS document.)
 */
export type WireModelsQuery = {
  /** Comma-separated, e.g. `tools,structured_outputs`. */
  supported_parameters?: string;
  /** Comma-separated, e.g. `text,image`; `all` lists every modality. */
  output_modalities?: string;
  input_modalities?: string;
  category?: Open<
    | 'programming'
    | 'roleplay'
    | 'marketing'
    | 'marketing/seo'
    | 'technology'
    | 'science'
    | 'translation'
    | 'legal'
    | 'finance'
    | 'health'
    | 'trivia'
    | 'academia'
  >;
  sort?: Open<
    | 'most-popular'
    | 'newest'
    | 'top-weekly'
    | 'pricing-low-to-high'
    | 'pricing-high-to-low'
    | 'context-high-to-low'
    | 'throughput-high-to-low'
    | 'latency-low-to-high'
    | 'intelligence-high-to-low'
    | 'coding-high-to-low'
    | 'agentic-high-to-low'
    | 'design-arena-elo-high-to-low'
  >;
  /** Free-text search. */
  q?: string;
  offset?: number;
  /** 1 to 1,000 (default 500). */
  limit?: number;
  /** Minimum context length. */
  context?: number;
  min_price?: number;
  max_price?: number;
  min_output_price?: number;
  max_output_price?: number;
  arch?: string;
  /** Comma-separated author slugs. */
  model_authors?: string;
  /** Comma-separated provider slugs. */
  providers?: string;
  distillable?: 'true' | 'false';
  zdr?: 'true';
  region?: Open<'eu' | 'us'>;
  min_age_days?: number;
  max_age_days?: number;
  /** Benchmark filters (Artificial Analysis indices; tool success rate 0 to 1). */
  min_intelligence_index?: number;
  max_intelligence_index?: number;
  min_coding_index?: number;
  max_coding_index?: number;
  min_agentic_index?: number;
  max_agentic_index?: number;
  min_tool_success_rate?: number;
  max_tool_success_rate?: number;
  /** Filters this version does not model, passed as given. */
  [filter: string]: string | number | undefined;
};

export type WirePercentileStats = { p50: number; p75: number; p90: number; p99: number } & Extra;

/** One provider endpoint serving a model. */
export type WireModelEndpoint = {
  /** E.g. `OpenAI: GPT-4o`. */
  name: string;
  model_id?: string;
  model_name?: string;
  /** Display name, as in a response's `provider`. */
  provider_name: string;
  /** Routing slug for `provider.order/only/ignore`, e.g. `openai` or `deepinfra/fp8`. */
  tag: string;
  context_length: number;
  max_completion_tokens: number | null;
  max_prompt_tokens?: number | null;
  pricing: WireModelPricing;
  quantization: WireQuantization | null;
  supported_parameters: WireSupportedParameter[];
  /** 0 = up; negative values are degraded states. */
  status?: number;
  uptime_last_30m: number | null;
  uptime_last_5m?: number | null;
  uptime_last_1d?: number | null;
  /** Seconds to first token. */
  latency_last_30m?: WirePercentileStats | null;
  /** Tokens per second. */
  throughput_last_30m?: WirePercentileStats | null;
  supports_implicit_caching?: boolean;
  supports_voice_cloning?: boolean;
} & Extra;

/** GET /models/{author}/{slug}/endpoints `data`. */
export type WireModelEndpoints = {
  id: string;
  name: string;
  created?: number;
  description?: string;
  architecture: WireModelArchitecture;
  endpoints: WireModelEndpoint[];
} & Extra;

export type WireModelEndpointsResponse = { data: WireModelEndpoints } & Extra;
