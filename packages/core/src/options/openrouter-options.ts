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
  /** Only endpoints serving one of these quantizations. */
  quantizations?: Array<
    | 'int4'
    | 'int8'
    | 'fp4'
    | 'mxfp4'
    | 'nvfp4'
    | 'fp6'
    | 'fp8'
    | 'mxfp8'
    | 'fp16'
    | 'bf16'
    | 'fp32'
    | 'unknown'
    | (string & {})
  >;
  /** Sort endpoints instead of load balancing; `partition: 'none'` sorts across fallback models too. */
  sort?: ProviderSort | { by: ProviderSort; partition?: 'model' | 'none' };
  /** Soft preference: tokens per second (a number is the p50), or per percentile. */
  preferredMinThroughput?: number | Percentiles;
  /** Soft preference: seconds to first token (a number is the p50), or per percentile. */
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

/** Approximate user location for location-biased web search. */
export type UserLocation = {
  type?: 'approximate';
  city?: string;
  region?: string;
  /** Two-letter country code, e.g. `US`. */
  country?: string;
  /** IANA time zone, e.g. `America/Los_Angeles`. */
  timezone?: string;
};

export type WebSearchPluginOptions = {
  id: 'web';
  enabled?: boolean;
  engine?: 'native' | 'exa' | 'firecrawl' | 'parallel' | 'perplexity' | (string & {});
  mode?:
    | 'instant'
    | 'fast'
    | 'auto'
    | 'deep-lite'
    | 'deep'
    | 'deep-reasoning'
    | 'turbo'
    | 'basic'
    | 'advanced'
    | (string & {});
  maxResults?: number;
  maxUses?: number;
  searchPrompt?: string;
  includeDomains?: string[];
  excludeDomains?: string[];
  userLocation?: UserLocation;
};
export type FileParserPluginOptions = {
  id: 'file-parser';
  enabled?: boolean;
  pdf?: { engine?: 'pdf-text' | 'mistral-ocr' | 'native' | 'cloudflare-ai' | (string & {}) };
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
export type CostTier = 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export type AutoRouterPluginOptions = {
  id: 'auto-router';
  enabled?: boolean;
  allowedModels?: string[];
  excludedModels?: string[];
  costTier?: CostTier;
  /** 0 (cheapest) to 10 (best quality). */
  costQualityTradeoff?: number;
  pinModel?: boolean;
};
export type AutoBetaRouterPluginOptions = {
  id: 'auto-beta-router';
  enabled?: boolean;
  allowedModels?: string[];
  excludedModels?: string[];
  costTier?: CostTier;
  /** 0 (cheapest) to 10 (best quality). */
  costQualityTradeoff?: number;
};
export type ParetoRouterPluginOptions = {
  id: 'pareto-router';
  enabled?: boolean;
  /** USD per million tokens. */
  maxPrice?: number;
  /** 0 to 1. */
  minCodingScore?: number;
  priceSource?: 'prompt' | 'weighted_avg';
};
export type FusionPluginOptions = {
  id: 'fusion';
  enabled?: boolean;
  /** The expert panel (at most 8 model ids). */
  analysisModels?: string[];
  /** 1 to 16. */
  maxToolCalls?: number;
  model?: string;
  preset?: 'general-high' | 'general-budget' | 'general-fast';
  /** Server tools the panel may use, passed as given (`parameters` keys are not converted). */
  tools?: Array<{ type: string; parameters?: Record<string, unknown> }>;
};

export type PluginOptions =
  | WebSearchPluginOptions
  | FileParserPluginOptions
  | ResponseHealingPluginOptions
  | ModerationPluginOptions
  | ContextCompressionPluginOptions
  | WebFetchPluginOptions
  | AutoRouterPluginOptions
  | AutoBetaRouterPluginOptions
  | ParetoRouterPluginOptions
  | FusionPluginOptions;

/** `web_search_options` for models with native search. */
export type WebSearchOptions = {
  searchContextSize?: 'low' | 'medium' | 'high';
  maxResults?: number;
  engine?: 'native' | 'exa' | 'firecrawl' | 'parallel' | 'perplexity' | (string & {});
  userLocation?: UserLocation;
};

export type PromptCachingOptions = {
  /** `prompt_cache_key`: sticky cache routing key. */
  key?: string;
  /** Explicit caching (`prompt_cache_options`): mark breakpoints on content parts yourself. */
  mode?: 'explicit';
  /** Cache lifetime for explicit caching, e.g. `5m` or `1h` (implies `mode: 'explicit'`). */
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
  /** Output token limit (`max_tokens`), a non-negative integer. */
  maxTokens?: number;
  /** 0 to 2. */
  temperature?: number;
  /** 0 to 1. */
  topP?: number;
  /** Non-negative integer. */
  topK?: number;
  /** 0 to 1. */
  topA?: number;
  /** 0 to 1. */
  minP?: number;
  /** -2 to 2. */
  frequencyPenalty?: number;
  /** -2 to 2. */
  presencePenalty?: number;
  /** Greater than 0, at most 2 (1 = no penalty). */
  repetitionPenalty?: number;
  /** Integer. */
  seed?: number;
  /** Up to 4 stop sequences. */
  stop?: string | string[];
  /** Token id → bias, -100 to 100. */
  logitBias?: Record<string, number>;
  logprobs?: boolean;
  /** 0 to 20. */
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
  /** Prompt transforms, e.g. `['middle-out']`. */
  transforms?: string[];
  /** Groups requests (sticky provider routing, observability); at most 256 characters. */
  sessionId?: string;
  /** A stable per-end-user id (hashed before it reaches a provider). */
  user?: string;
  /** At most 16 pairs; keys up to 64 characters, string values up to 512. Keys are sent as given. */
  metadata?: Record<string, string>;
  trace?: TraceOptions;
  /** Adds `openrouter_metadata` (routing attempts) via `X-OpenRouter-Metadata: enabled`. */
  includeRoutingMetadata?: boolean;
  debug?: { echoUpstreamBody?: boolean };
  /** Attribution (also settable on the client): `X-OpenRouter-Title`. */
  appName?: string;
  /** Attribution: `HTTP-Referer`, an absolute http(s) URL. */
  appUrl?: string;
  /** Attribution: `X-OpenRouter-Categories` (comma-joined). */
  appCategories?: string[];
};
