import type { WireGeneratedImage, WireToolCall } from './chat';
import type { Extra, Open } from './open';
import type { WirePlugin } from './plugins';
import type { WireReasoningDetail } from './reasoning-details';

// POST /chat/completions request body, snake_case as on the wire. Request types are precise
// (they describe what we send); `& Extra` on the body lets callers pass fields we do not model yet.

export type WireCacheControl = { type: Open<'ephemeral'>; ttl?: Open<'5m' | '1h'> };
/** Explicit prompt caching (`prompt_cache_options.mode: "explicit"`): marks a cache breakpoint. */
export type WirePromptCacheBreakpoint = { mode: Open<'explicit'> };

export type WireTextPart = {
  type: 'text';
  text: string;
  cache_control?: WireCacheControl;
  prompt_cache_breakpoint?: WirePromptCacheBreakpoint;
};
export type WireImagePart = {
  type: 'image_url';
  image_url: { url: string; detail?: Open<'auto' | 'low' | 'high' | 'original'> };
  cache_control?: WireCacheControl;
};
export type WireFilePart = {
  type: 'file';
  file: { filename?: string; file_data?: string; file_id?: string };
  cache_control?: WireCacheControl;
};
export type WireAudioPart = {
  type: 'input_audio';
  input_audio: {
    data: string;
    format: Open<'wav' | 'mp3' | 'flac' | 'm4a' | 'ogg' | 'aac' | 'aiff' | 'pcm16'>;
  };
  cache_control?: WireCacheControl;
};
export type WireVideoPart = {
  type: 'video_url';
  video_url: { url: string };
  cache_control?: WireCacheControl;
};
/** @deprecated OpenRouter's older spelling of a video part; prefer `video_url`. */
export type WireLegacyVideoPart = { type: 'input_video'; video_url: { url: string } };
export type WireContentPart =
  | WireTextPart
  | WireImagePart
  | WireFilePart
  | WireAudioPart
  | WireVideoPart
  | WireLegacyVideoPart;

export type WireSystemMessage = {
  role: 'system';
  content: string | WireTextPart[];
  name?: string;
  cache_control?: WireCacheControl;
};
export type WireDeveloperMessage = {
  role: 'developer';
  content: string | WireTextPart[];
  name?: string;
  cache_control?: WireCacheControl;
};
export type WireUserMessage = {
  role: 'user';
  content: string | WireContentPart[];
  name?: string;
  cache_control?: WireCacheControl;
};
export type WireAudioOutput = {
  id?: string;
  data?: string;
  transcript?: string;
  expires_at?: number;
} & Extra;
export type WireAssistantMessage = {
  role: 'assistant';
  content?: string | WireContentPart[] | null;
  name?: string;
  tool_calls?: WireToolCall[];
  refusal?: string | null;
  /** Plain-text reasoning (mirror of `reasoning_details`). */
  reasoning?: string | null;
  /** Sent back verbatim, same order, on the next turn. */
  reasoning_details?: WireReasoningDetail[];
  images?: WireGeneratedImage[];
  audio?: WireAudioOutput;
  cache_control?: WireCacheControl;
};
export type WireToolMessage = {
  role: 'tool';
  tool_call_id: string;
  content: string | WireContentPart[];
  cache_control?: WireCacheControl;
};
export type WireMessage =
  | WireSystemMessage
  | WireDeveloperMessage
  | WireUserMessage
  | WireAssistantMessage
  | WireToolMessage;

export type WireFunctionTool = {
  type: 'function';
  function: {
    /** At most 64 characters. */
    name: string;
    description?: string;
    /** JSON Schema of the arguments. */
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
  cache_control?: WireCacheControl;
};
/** OpenRouter's built-in server tools (`openrouter:web_search`, `openrouter:datetime`, ...). */
export type WireServerTool = {
  type: Open<
    | 'openrouter:web_search'
    | 'openrouter:web_fetch'
    | 'openrouter:datetime'
    | 'openrouter:image_generation'
    | 'openrouter:experimental__search_models'
    | 'web_search'
    | 'web_search_preview'
  >;
  parameters?: Extra;
} & Extra;
export type WireTool = WireFunctionTool | WireServerTool;

export type WireToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  /** Forces a server tool, e.g. `{ type: "openrouter:web_search" }`. */
  | { type: string };

export type WireResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        /** At most 64 characters. */
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    }
  | { type: 'grammar'; grammar: string }
  | { type: 'python' };

export type WireReasoningEffort = Open<'max' | 'xhigh' | 'high' | 'medium' | 'low' | 'minimal' | 'none'>;

export type WireReasoningConfig = {
  effort?: WireReasoningEffort | null;
  /** Documented, absent from the spec. Mutually exclusive with `effort`. */
  max_tokens?: number | null;
  /** Documented, absent from the spec: reason but do not return the reasoning. */
  exclude?: boolean;
  /** Documented, absent from the spec. */
  enabled?: boolean;
  summary?: Open<'auto' | 'concise' | 'detailed'> | null;
};

export type WireProviderSort = Open<'price' | 'throughput' | 'latency' | 'exacto'>;
export type WirePercentiles = {
  p50?: number | null;
  p75?: number | null;
  p90?: number | null;
  p99?: number | null;
};
export type WireQuantization = Open<
  'int4' | 'int8' | 'fp4' | 'mxfp4' | 'nvfp4' | 'fp6' | 'fp8' | 'mxfp8' | 'fp16' | 'bf16' | 'fp32' | 'unknown'
>;
/** A price ceiling, USD per million tokens (per request / per image for those keys). */
export type WirePrice = string | number;

/** `provider` preferences: a closed object on the wire (unknown keys are a 400). */
export type WireProviderPreferences = {
  order?: string[] | null;
  allow_fallbacks?: boolean | null;
  require_parameters?: boolean | null;
  data_collection?: Open<'allow' | 'deny'> | null;
  zdr?: boolean | null;
  enforce_distillable_text?: boolean | null;
  only?: string[] | null;
  ignore?: string[] | null;
  quantizations?: WireQuantization[] | null;
  sort?:
    | WireProviderSort
    | { by?: WireProviderSort | null; partition?: Open<'model' | 'none'> | null }
    | null;
  preferred_min_throughput?: number | WirePercentiles | null;
  preferred_max_latency?: number | WirePercentiles | null;
  /** Strings in the spec, numbers in the docs: both are accepted. */
  max_price?: {
    prompt?: WirePrice;
    completion?: WirePrice;
    request?: WirePrice;
    image?: WirePrice;
    audio?: WirePrice;
  };
};

/** Observability trace fields (Langfuse-style); extra keys are passed through. */
export type WireTrace = {
  trace_id?: string;
  trace_name?: string;
  span_name?: string;
  generation_name?: string;
  parent_span_id?: string;
} & Extra;

/** `web_search_options` for models with native search (documented, absent from the spec). */
export type WireWebSearchOptions = {
  search_context_size?: Open<'low' | 'medium' | 'high'>;
  max_results?: number;
  engine?: Open<'native' | 'exa' | 'firecrawl' | 'parallel' | 'perplexity'>;
} & Extra;

/** Predicted output (speculative decoding). */
export type WirePrediction = {
  type: 'content';
  content: string | Array<{ type: 'text'; text: string }>;
};

/** Sampling and output-length settings shared by chat and legacy completions. */
export type WireSamplingParams = {
  /** Deprecated upstream in favour of `max_completion_tokens`; still the most widely supported. */
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  top_k?: number | null;
  top_a?: number | null;
  min_p?: number | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  repetition_penalty?: number | null;
  seed?: number | null;
  /** Up to 4 sequences. */
  stop?: string | string[] | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  /** 0 to 20. */
  top_logprobs?: number | null;
};

/** OpenRouter's routing, reasoning and bookkeeping fields shared by chat and legacy completions. */
export type WireRoutingParams = {
  /** A model id; omit to use the account default or when `models` is given. */
  model?: string;
  /** Ordered fallback list; the first model that works serves. */
  models?: string[];
  stream?: boolean;
  provider?: WireProviderPreferences;
  plugins?: WirePlugin[];
  reasoning?: WireReasoningConfig;
  /** Documented, absent from the spec (older switch for returning reasoning). */
  include_reasoning?: boolean;
  /** Documented, absent from the spec, e.g. `["middle-out"]`. */
  transforms?: string[];
  /** Documented, absent from the spec; a no-op today (usage is always sent). */
  usage?: { include?: boolean };
  /** Per-end-user identifier (hashed upstream). */
  user?: string;
  /** Groups requests (sticky routing, observability); at most 256 characters. */
  session_id?: string;
  /** At most 16 pairs, 64-character keys, 512-character values. */
  metadata?: Record<string, string>;
  trace?: WireTrace;
  debug?: { echo_upstream_body?: boolean };
  /** @deprecated Use `models` (fallback) or `provider.sort`. */
  route?: Open<'fallback' | 'sort'> | null;
};

/** POST /chat/completions body (snake_case, as on the wire). */
export type WireChatRequest = WireSamplingParams &
  WireRoutingParams & {
    messages: WireMessage[];
    stream_options?: { include_usage?: boolean };
    response_format?: WireResponseFormat;
    tools?: WireTool[];
    tool_choice?: WireToolChoice;
    parallel_tool_calls?: boolean | null;
    reasoning_effort?: WireReasoningEffort | null;
    /** Documented, absent from the spec. */
    verbosity?: Open<'low' | 'medium' | 'high'>;
    web_search_options?: WireWebSearchOptions;
    modalities?: Open<'text' | 'image' | 'audio'>[];
    /** Image generation settings, e.g. `{ aspect_ratio: "16:9" }`. */
    image_config?: Record<string, string | number | unknown[]>;
    prompt_cache_key?: string | null;
    prompt_cache_options?: { mode: Open<'explicit'>; ttl?: string | null };
    /** Top-level `cache_control`: Anthropic automatic caching of the last cacheable block. */
    cache_control?: WireCacheControl;
    service_tier?: Open<'auto' | 'default' | 'fast' | 'flex' | 'priority' | 'scale'> | null;
    prediction?: WirePrediction;
    /** Conditions that stop server-tool loops, e.g. `[{ type: "step_count_is", step_count: 3 }]`. */
    stop_server_tools_when?: Array<{ type: string } & Extra>;
  } & Extra;
