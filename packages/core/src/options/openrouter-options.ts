/**
 * The camelCase options every adapter exposes. `validateOptions` checks them and `toWireRequest`
 * converts them to OpenRouter's snake_case body in one place.
 */

export type ProviderSort = 'price' | 'throughput' | 'latency' | 'exacto' | (string & {});
export type Percentiles = { p50?: number; p75?: number; p90?: number; p99?: number };

export type ProviderPreferences = {
  /** Providers to try first, in order (slugs, e.g. `anthropic`, `openai`). */
  order?: string[];
  /** Allow other providers when the preferred ones fail (default true). */
  allowFallbacks?: boolean;
  /** Only route to providers that support every parameter in the request. */
  requireParameters?: boolean;
  /** `deny`: only providers that do not store or train on data. */
  dataCollection?: 'allow' | 'deny';
  /** Zero-data-retention endpoints only. */
  zdr?: boolean;
  enforceDistillableText?: boolean;
  /** Only these providers. */
  only?: string[];
  /** Never these providers. */
  ignore?: string[];
  quantizations?: Array<
    'int4' | 'int8' | 'fp4' | 'fp6' | 'fp8' | 'fp16' | 'bf16' | 'fp32' | 'unknown' | (string & {})
  >;
  sort?: ProviderSort | { by: ProviderSort; partition?: 'model' | 'none' };
  preferredMinThroughput?: number | Percentiles;
  preferredMaxLatency?: number | Percentiles;
  /** Hard ceiling, USD per million tokens (per request / image for those keys). */
  maxPrice?: {
    prompt?: number | string;
    completion?: number | string;
    request?: number | string;
    image?: number | string;
    audio?: number | string;
  };
};

export type ReasoningEffort = 'max' | 'xhigh' | 'high' | 'medium' | 'low' | 'minimal' | 'none';

export type ReasoningOptions = {
  /** Mutually exclusive with `maxTokens`. */
  effort?: ReasoningEffort;
  /** Reasoning token budget. Mutually exclusive with `effort`. */
  maxTokens?: number;
  /** Reason but do not return the reasoning. */
  exclude?: boolean;
  enabled?: boolean;
  summary?: 'auto' | 'concise' | 'detailed';
};

export type WebSearchPluginOptions = {
  id: 'web';
  enabled?: boolean;
  engine?: 'native' | 'exa' | (string & {});
  maxResults?: number;
  maxUses?: number;
  searchPrompt?: string;
  includeDomains?: string[];
  excludeDomains?: string[];
};
export type FileParserPluginOptions = {
  id: 'file-parser';
  enabled?: boolean;
  pdf?: { engine?: 'pdf-text' | 'mistral-ocr' | 'native' | (string & {}) };
};
export type ResponseHealingPluginOptions = { id: 'response-healing'; enabled?: boolean };
export type ModerationPluginOptions = { id: 'moderation' };
export type ContextCompressionPluginOptions = {
  id: 'context-compression';
  enabled?: boolean;
  engine?: 'middle-out' | (string & {});
};
export type WebFetchPluginOptions = {
  id: 'web-fetch';
  maxUses?: number;
  maxContentTokens?: number;
  allowedDomains?: string[];
  blockedDomains?: string[];
};
export type AutoRouterPluginOptions = {
  id: 'auto-router';
  enabled?: boolean;
  allowedModels?: string[];
  excludedModels?: string[];
  costTier?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  pinModel?: boolean;
};

export type PluginOptions =
  | WebSearchPluginOptions
  | FileParserPluginOptions
  | ResponseHealingPluginOptions
  | ModerationPluginOptions
  | ContextCompressionPluginOptions
  | WebFetchPluginOptions
  | AutoRouterPluginOptions;

/** `web_search_options` for models with native search. */
export type WebSearchOptions = {
  searchContextSize?: 'low' | 'medium' | 'high';
  maxResults?: number;
  engine?: 'native' | 'exa' | (string & {});
};

export type PromptCachingOptions = {
  /** `prompt_cache_key`: sticky cache routing key. */
  key?: string;
  /** Explicit caching (`prompt_cache_options`). */
  mode?: 'explicit';
  ttl?: string;
  /** A top-level `cache_control` (Anthropic automatic caching of the last cacheable block). */
  cacheControl?: { type: 'ephemeral'; ttl?: '5m' | '1h' };
};

export type TraceOptions = {
  traceId?: string;
  traceName?: string;
  spanName?: string;
  generationName?: string;
  parentSpanId?: string;
};

/** Sampling and output settings (frameworks map theirs to these). */
export type SamplingOptions = {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  topA?: number;
  minP?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  repetitionPenalty?: number;
  seed?: number;
  stop?: string | string[];
  logitBias?: Record<string, number>;
  logprobs?: boolean;
  topLogprobs?: number;
  parallelToolCalls?: boolean;
  verbosity?: 'low' | 'medium' | 'high';
  serviceTier?: 'auto' | 'default' | 'fast' | 'flex' | 'priority' | 'scale';
  modalities?: Array<'text' | 'image' | 'audio'>;
};

/** Every OpenRouter-specific request option, camelCase. */
export type OpenRouterOptions = SamplingOptions & {
  /** Ordered fallback models: the first that works serves (billing uses the one that served). */
  models?: string[];
  provider?: ProviderPreferences;
  reasoning?: ReasoningOptions;
  plugins?: PluginOptions[];
  webSearch?: WebSearchOptions;
  promptCaching?: PromptCachingOptions;
  transforms?: string[];
  sessionId?: string;
  user?: string;
  metadata?: Record<string, string>;
  trace?: TraceOptions;
  /** Adds `openrouter_metadata` (routing attempts) via `X-OpenRouter-Metadata: enabled`. */
  includeRoutingMetadata?: boolean;
  debug?: { echoUpstreamBody?: boolean };
  /** Attribution headers (also settable on the client). */
  appName?: string;
  appUrl?: string;
  appCategories?: string[];
};
