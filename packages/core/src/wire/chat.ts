import type { WireAnnotation } from './annotations';
import type { Extra, Open } from './open';
import type { WireReasoningDetail } from './reasoning-details';
import type { WireUsage } from './usage';

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

export type WireCacheControl = { type: Open<'ephemeral'>; ttl?: Open<'5m' | '1h'> };

export type WireTextPart = { type: 'text'; text: string; cache_control?: WireCacheControl };
export type WireImagePart = {
  type: 'image_url';
  image_url: { url: string; detail?: Open<'auto' | 'low' | 'high'> };
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
export type WireContentPart = WireTextPart | WireImagePart | WireFilePart | WireAudioPart | WireVideoPart;

export type WireToolCall = {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
} & Extra;

export type WireSystemMessage = {
  role: 'system' | 'developer';
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
export type WireAssistantMessage = {
  role: 'assistant';
  content?: string | WireTextPart[] | null;
  name?: string;
  tool_calls?: WireToolCall[];
  refusal?: string | null;
  /** Plain-text reasoning (mirror of `reasoning_details`). */
  reasoning?: string | null;
  /** Sent back verbatim, same order, on the next turn. */
  reasoning_details?: WireReasoningDetail[];
  cache_control?: WireCacheControl;
};
export type WireToolMessage = {
  role: 'tool';
  tool_call_id: string;
  content: string | WireContentPart[];
  name?: string;
  cache_control?: WireCacheControl;
};
export type WireMessage = WireSystemMessage | WireUserMessage | WireAssistantMessage | WireToolMessage;

export type WireFunctionTool = {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
  cache_control?: WireCacheControl;
};

export type WireToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

export type WireResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    }
  | ({ type: Open<'grammar' | 'python'> } & Extra);

export type WireReasoningEffort = Open<'max' | 'xhigh' | 'high' | 'medium' | 'low' | 'minimal' | 'none'>;

export type WireReasoningConfig = {
  effort?: WireReasoningEffort | null;
  max_tokens?: number | null;
  exclude?: boolean;
  enabled?: boolean;
  summary?: Open<'auto' | 'concise' | 'detailed'> | null;
};

export type WireProviderSort = Open<'price' | 'throughput' | 'latency' | 'exacto'>;
export type WirePercentiles = { p50?: number; p75?: number; p90?: number; p99?: number };

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
  quantizations?:
    | Open<'int4' | 'int8' | 'fp4' | 'fp6' | 'fp8' | 'fp16' | 'bf16' | 'fp32' | 'unknown'>[]
    | null;
  sort?: WireProviderSort | { by: WireProviderSort; partition?: Open<'model' | 'none'> | null } | null;
  preferred_min_throughput?: number | WirePercentiles | null;
  preferred_max_latency?: number | WirePercentiles | null;
  max_price?: {
    prompt?: string | number;
    completion?: string | number;
    request?: string | number;
    image?: string | number;
    audio?: string | number;
  };
};

export type WirePlugin = {
  id: Open<
    | 'web'
    | 'web-fetch'
    | 'file-parser'
    | 'response-healing'
    | 'moderation'
    | 'context-compression'
    | 'auto-router'
  >;
} & Extra;

export type WireTrace = {
  trace_id?: string;
  trace_name?: string;
  span_name?: string;
  generation_name?: string;
  parent_span_id?: string;
} & Extra;

/** POST /chat/completions body (snake_case, as on the wire). */
export type WireChatRequest = {
  model?: string;
  models?: string[];
  messages: WireMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
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
  stop?: string | string[] | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  response_format?: WireResponseFormat;
  tools?: WireFunctionTool[];
  tool_choice?: WireToolChoice;
  parallel_tool_calls?: boolean | null;
  reasoning?: WireReasoningConfig;
  reasoning_effort?: WireReasoningEffort | null;
  include_reasoning?: boolean;
  verbosity?: Open<'low' | 'medium' | 'high'>;
  provider?: WireProviderPreferences | null;
  plugins?: WirePlugin[];
  web_search_options?: Extra;
  transforms?: string[];
  usage?: { include?: boolean };
  user?: string;
  session_id?: string;
  metadata?: Record<string, string>;
  trace?: WireTrace;
  modalities?: Open<'text' | 'image' | 'audio'>[];
  image_config?: Extra;
  prompt_cache_key?: string | null;
  prompt_cache_options?: { mode: Open<'explicit'>; ttl?: string | null } | null;
  cache_control?: WireCacheControl;
  service_tier?: Open<'auto' | 'default' | 'fast' | 'flex' | 'priority' | 'scale'> | null;
  prediction?: Extra;
  debug?: { echo_upstream_body?: boolean };
} & Extra;

// ---------------------------------------------------------------------------------------------
// Response (non-streaming) and stream chunk
// ---------------------------------------------------------------------------------------------

export type WireFinishReason = Open<'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error'>;

/** Choice-level error (finish_reason "error"): not in the spec, sent by the API. */
export type WireChoiceError = {
  code?: number | string;
  message?: string;
  metadata?: Record<string, unknown>;
} & Extra;

export type WireGeneratedImage = { type: Open<'image_url'>; image_url: { url: string } } & Extra;

export type WireLogprobs = {
  content?: Array<{
    token: string;
    logprob: number;
    bytes?: number[] | null;
    top_logprobs?: Array<{ token: string; logprob: number; bytes?: number[] | null }>;
  }> | null;
  refusal?: unknown;
} & Extra;

export type WireResponseMessage = {
  role: Open<'assistant'>;
  content: string | null;
  refusal?: string | null;
  reasoning?: string | null;
  reasoning_details?: WireReasoningDetail[];
  tool_calls?: WireToolCall[];
  annotations?: WireAnnotation[];
  images?: WireGeneratedImage[];
  audio?: Extra | null;
} & Extra;

export type WireChoice = {
  index: number;
  message: WireResponseMessage;
  finish_reason: WireFinishReason | null;
  native_finish_reason?: string | null;
  logprobs?: WireLogprobs | null;
  error?: WireChoiceError;
} & Extra;

export type WireChatResponse = {
  id: string;
  object?: Open<'chat.completion'>;
  created: number;
  model: string;
  provider?: string;
  system_fingerprint?: string | null;
  choices: WireChoice[];
  usage?: WireUsage;
  openrouter_metadata?: Extra;
} & Extra;

/** A streamed tool-call fragment: `id`/`name` arrive on the first fragment of an index. */
export type WireToolCallDelta = {
  index?: number;
  id?: string | null;
  type?: Open<'function'> | null;
  function?: { name?: string | null; arguments?: string | null };
} & Extra;

export type WireChunkDelta = {
  role?: Open<'assistant'> | null;
  content?: string | null;
  refusal?: string | null;
  reasoning?: string | null;
  reasoning_details?: WireReasoningDetail[];
  tool_calls?: WireToolCallDelta[];
  annotations?: WireAnnotation[];
  images?: WireGeneratedImage[];
  audio?: Extra | null;
} & Extra;

export type WireChunkChoice = {
  index: number;
  delta: WireChunkDelta;
  finish_reason: WireFinishReason | null;
  native_finish_reason?: string | null;
  logprobs?: WireLogprobs | null;
  error?: WireChoiceError;
} & Extra;

/** One `data:` payload of a chat stream. `choices` is empty on the usage-only final chunk. */
export type WireChatChunk = {
  id?: string;
  object?: Open<'chat.completion.chunk'>;
  created?: number;
  model?: string;
  provider?: string;
  system_fingerprint?: string | null;
  choices?: WireChunkChoice[];
  usage?: WireUsage | null;
  /** In-band error after the first token (also the `{error}`-only shape). */
  error?: { code?: number | string; message?: string; metadata?: Record<string, unknown> } & Extra;
  debug?: Extra;
  openrouter_metadata?: Extra;
} & Extra;
