import type { Extra, Open } from './open';

// `plugins` entries of a chat request, discriminated by `id`.

export type WireWebSearchEngine = Open<'native' | 'exa' | 'firecrawl' | 'parallel' | 'perplexity'>;
export type WireWebSearchMode = Open<
  'instant' | 'fast' | 'auto' | 'deep-lite' | 'deep' | 'deep-reasoning' | 'turbo' | 'basic' | 'advanced'
>;
export type WireUserLocation = {
  type: Open<'approximate'>;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  timezone?: string | null;
};

export type WireWebSearchPlugin = {
  id: 'web';
  enabled?: boolean;
  engine?: WireWebSearchEngine;
  mode?: WireWebSearchMode;
  max_results?: number;
  max_uses?: number;
  search_prompt?: string;
  include_domains?: string[];
  exclude_domains?: string[];
  user_location?: WireUserLocation;
};
export type WireWebFetchPlugin = {
  id: 'web-fetch';
  max_uses?: number;
  max_content_tokens?: number;
  allowed_domains?: string[];
  blocked_domains?: string[];
};
export type WireFileParserPlugin = {
  id: 'file-parser';
  enabled?: boolean;
  pdf?: { engine?: Open<'pdf-text' | 'mistral-ocr' | 'native' | 'cloudflare-ai'> };
};
export type WireResponseHealingPlugin = { id: 'response-healing'; enabled?: boolean };
export type WireModerationPlugin = { id: 'moderation' };
export type WireContextCompressionPlugin = {
  id: 'context-compression';
  enabled?: boolean;
  engine?: Open<'middle-out'>;
};
export type WireCostTier = Open<'low' | 'medium' | 'high' | 'xhigh' | 'max'>;
export type WireAutoRouterPlugin = {
  id: 'auto-router';
  enabled?: boolean;
  allowed_models?: string[];
  excluded_models?: string[];
  cost_tier?: WireCostTier;
  /** 0 (cheapest) to 10 (best quality). */
  cost_quality_tradeoff?: number;
  pin_model?: boolean;
};
export type WireAutoBetaRouterPlugin = {
  id: 'auto-beta-router';
  enabled?: boolean;
  allowed_models?: string[];
  excluded_models?: string[];
  cost_tier?: WireCostTier;
  cost_quality_tradeoff?: number;
};
export type WireParetoRouterPlugin = {
  id: 'pareto-router';
  enabled?: boolean;
  max_price?: number;
  /** 0 to 1. */
  min_coding_score?: number;
  price_source?: Open<'prompt' | 'weighted_avg'>;
};
export type WireFusionPlugin = {
  id: 'fusion';
  enabled?: boolean;
  analysis_models?: string[];
  /** 1 to 16. */
  max_tool_calls?: number;
  model?: string;
  preset?: Open<'general-high' | 'general-budget' | 'general-fast'>;
  tools?: Array<{ type: string; parameters?: Record<string, unknown> }>;
};
/** A plugin this version does not model: sent as given. */
export type WireUnknownPlugin = { id: string } & Extra;

export type WirePlugin =
  | WireWebSearchPlugin
  | WireWebFetchPlugin
  | WireFileParserPlugin
  | WireResponseHealingPlugin
  | WireModerationPlugin
  | WireContextCompressionPlugin
  | WireAutoRouterPlugin
  | WireAutoBetaRouterPlugin
  | WireParetoRouterPlugin
  | WireFusionPlugin
  | WireUnknownPlugin;
