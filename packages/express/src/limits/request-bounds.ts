import type { Endpoint } from '../policy/apply-request-policy';
import type { NormalizedLimits } from './limit-rules';

/** USD per token (prompt, completion), per request and per input image, as the catalogue lists them. */
export type ListedPricing = { prompt: number; completion: number; request: number; image: number };

/**
 * What one request may cost at most, for reserving token and USD budgets at admission. A bound is
 * `undefined` when nothing limits it (then `unbounded` says why, for the client).
 */
export type RequestBounds = {
  /** Prompt tokens, estimated from the body size (4 bytes a token). */
  promptTokens: number;
  /** The request's output cap (`max_tokens` after the server's clamp); `undefined` when there is none. */
  maxOutputTokens: number | undefined;
  /** Tokens at most: prompt estimate + output cap. */
  tokens: number | undefined;
  /** USD at most: both at the most expensive candidate's listed prices. */
  usd: number | undefined;
  /** USD of the prompt alone (0 when no price is known). */
  promptUsd: number;
  /** Why a bound is missing; `undefined` when both are known. */
  unbounded: { tokens: string | undefined; usd: string | undefined };
};

/** A rough token count: about four bytes (of a body) or characters (of output) per token. */
export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / 4);
}

/** True when the user has a token or USD budget (only then are bounds worth computing). */
export function hasBudgets(limits: NormalizedLimits): boolean {
  return limits.rules.some((rule) => rule.metric !== 'requests');
}

/** Plugins that cost nothing beyond the tokens (others search, fetch, parse files or route to other models). */
const tokenOnlyPlugins = new Set(['moderation', 'response-healing', 'context-compression']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Costs that no token count bounds: web search, paid or routing plugins, server tools. */
function extraCost(body: Record<string, unknown>, models: readonly string[]): string | undefined {
  if (models.some((id) => id.endsWith(':online'))) return 'uses web search (`:online`)';
  if (body.web_search_options !== undefined && body.web_search_options !== null)
    return 'uses web search (`web_search_options`)';
  if (Array.isArray(body.plugins)) {
    for (const plugin of body.plugins) {
      const id = isPlainObject(plugin) ? plugin.id : undefined;
      if (typeof id === 'string' && !tokenOnlyPlugins.has(id)) return `uses the \`${id}\` plugin`;
    }
  }
  if (Array.isArray(body.tools)) {
    for (const tool of body.tools) {
      const type = isPlainObject(tool) ? tool.type : undefined;
      if (typeof type === 'string' && type !== 'function') return `uses the server tool \`${type}\``;
    }
  }
  return undefined;
}

function outputCap(body: Record<string, unknown>, endpoint: Endpoint): number | undefined {
  if (endpoint === 'embeddings') return 0;
  const caps = [body.max_tokens, body.max_completion_tokens].filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0,
  );
  if (caps.length === 0) return undefined;
  const reasoning = isPlainObject(body.reasoning) ? body.reasoning.max_tokens : undefined;
  if (typeof reasoning === 'number' && Number.isFinite(reasoning)) caps.push(reasoning);
  return Math.max(...caps);
}

function countImages(body: Record<string, unknown>): number {
  if (!Array.isArray(body.messages)) return 0;
  let images = 0;
  for (const message of body.messages) {
    const content = isPlainObject(message) ? message.content : undefined;
    if (!Array.isArray(content)) continue;
    for (const part of content) if (isPlainObject(part) && part.type === 'image_url') images += 1;
  }
  return images;
}

/**
 * The upper bounds of one request (after policy: the body holds the clamped `max_tokens`). Prices
 * are looked up only when `withUsd` (the user has a USD budget).
 */
export async function requestBounds(input: {
  endpoint: Endpoint;
  body: Record<string, unknown>;
  bodyBytes: number;
  withUsd: boolean;
  pricing: (modelId: string) => Promise<ListedPricing | undefined>;
}): Promise<RequestBounds> {
  const { body, endpoint } = input;
  const models = [
    ...new Set([
      ...(typeof body.model === 'string' ? [body.model] : []),
      ...(Array.isArray(body.models) ? body.models.filter((id): id is string => typeof id === 'string') : []),
    ]),
  ];
  const promptTokens = estimateTokens(input.bodyBytes);
  const extra = extraCost(body, models);
  const maxOutputTokens = extra === undefined ? outputCap(body, endpoint) : undefined;
  const tokensReason =
    extra ??
    (maxOutputTokens === undefined ? 'sets no `max_tokens` (and the server sets no cap)' : undefined);
  const tokens = tokensReason === undefined ? promptTokens + (maxOutputTokens ?? 0) : undefined;

  let usd: number | undefined;
  let promptUsd = 0;
  let usdReason = tokensReason;
  if (input.withUsd) {
    const prices = models.length === 0 ? [] : await Promise.all(models.map((id) => input.pricing(id)));
    const missing = models.length === 0 ? undefined : models.find((_, index) => prices[index] === undefined);
    if (models.length === 0) usdReason ??= 'names no model, so its price is unknown';
    else if (missing !== undefined) usdReason ??= `uses \`${missing}\`, whose price is not listed`;
    else {
      const known = prices as ListedPricing[];
      const most = (field: keyof ListedPricing): number => Math.max(...known.map((price) => price[field]));
      promptUsd = promptTokens * most('prompt') + most('request') + countImages(body) * most('image');
      if (tokens !== undefined) usd = promptUsd + (maxOutputTokens ?? 0) * most('completion');
    }
  }
  return {
    promptTokens,
    maxOutputTokens,
    tokens,
    usd,
    promptUsd,
    unbounded: { tokens: tokensReason, usd: input.withUsd && usd === undefined ? usdReason : undefined },
  };
}
