/** Prices as OpenRouter publishes them: decimal strings, USD per token (per request/image for those). */
export type CataloguePricing = {
  prompt: string;
  completion: string;
  request?: string;
  image?: string;
  /** Per output image token (image generation models). */
  imageOutput?: string;
  webSearch?: string;
  internalReasoning?: string;
  inputCacheRead?: string;
  inputCacheWrite?: string;
};

/** p50..p99 of a provider statistic. */
export type CataloguePercentiles = { p50: number; p75: number; p90: number; p99: number };

/** One simulated provider (endpoint) serving a model. */
export type CatalogueProvider = {
  /** Display name, as in `provider` on responses (e.g. "OpenAI", "Google AI Studio"). */
  name: string;
  /** Slug accepted in `provider.order/only/ignore` (e.g. "openai", "google-ai-studio"). */
  slug: string;
  pricing: CataloguePricing;
  contextLength: number;
  maxCompletionTokens: number | null;
  quantization: string | null;
  /** `allow`: the provider may retain or train on prompts (excluded by `data_collection: "deny"`). */
  dataCollection: 'allow' | 'deny';
  /** Zero data retention endpoint (kept by `zdr: true`). */
  zdr: boolean;
  /** Parameters this endpoint honours (checked by `require_parameters: true`). */
  supportedParameters: string[];
  /** Seconds to first token. */
  latency: CataloguePercentiles;
  /** Tokens per second. */
  throughput: CataloguePercentiles;
  /** Percent, last 30 minutes. */
  uptime: number;
  supportsImplicitCaching: boolean;
  /** `false` simulates an outage: every attempt on this endpoint fails with 503. */
  available?: boolean;
  /** Native finish reason style of the upstream API. */
  nativeFinishReasons?: 'openai' | 'anthropic' | 'google';
};

export type ReasoningFormat = 'anthropic-claude-v1' | 'google-gemini-v1' | 'openai-responses-v1';

export type CatalogueReasoning = {
  format: ReasoningFormat;
  /** Reasoning cannot be turned off. */
  mandatory: boolean;
  /** Reasoning is on unless the request turns it off. */
  defaultEnabled: boolean;
  supportedEfforts: string[];
  defaultEffort: string;
};

export type CatalogueModel = {
  id: string;
  canonicalSlug: string;
  name: string;
  /** Unix seconds. */
  created: number;
  description: string;
  kind: 'chat' | 'embedding' | 'router';
  contextLength: number;
  inputModalities: string[];
  outputModalities: string[];
  tokenizer: string;
  instructType: string | null;
  huggingFaceId?: string | null;
  knowledgeCutoff?: string | null;
  supportedParameters: string[];
  /** Use-case categories (`GET /models?category=`). */
  categories?: string[];
  reasoning?: CatalogueReasoning;
  /** `:free` variant: OpenRouter's free-tier limits apply. */
  freeTier?: { requestsPerMinute: number; requestsPerDay: number };
  /** Embedding models: vector size (and the maximum for `dimensions`). */
  embeddingDimensions?: number;
  /** Routers (`openrouter/auto`): the models it may choose from, in preference order. */
  routerCandidates?: string[];
  /** Hidden models are served but not listed by `GET /models`. */
  hidden?: boolean;
  providers: CatalogueProvider[];
};

/** The emulator's model catalogue: models plus aliases (`~author/family-latest` → id). */
export type Catalogue = {
  models: CatalogueModel[];
  aliases?: Record<string, string>;
};
