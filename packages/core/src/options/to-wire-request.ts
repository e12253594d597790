import type { WireChatRequest } from '../wire/chat';
import type { OpenRouterOptions } from './openrouter-options';
import { validateOptions } from './validate-options';

/** The request-body fields and headers that options contribute to a chat request. */
export type WireRequestParts = { body: Partial<WireChatRequest>; headers: Record<string, string> };

/** Values whose keys are chosen by the caller or a provider, sent exactly as given. */
const verbatimKeys: ReadonlySet<string> = new Set(['metadata', 'logitBias', 'parameters']);

/**
 * THE camelCase → snake_case conversion: turns `OpenRouterOptions` into the body fields and
 * headers of an OpenRouter request. Validates first (throws one `InvalidOptionsError` listing every
 * problem), never emits `undefined` keys or empty objects, and shares nothing with its input.
 *
 * Option names map to wire names by case (`allowFallbacks` → `allow_fallbacks`, also inside
 * `provider`, `reasoning`, `plugins`, `trace`, `debug`), except: `webSearch` → `web_search_options`,
 * `promptCaching` → `prompt_cache_key` / `prompt_cache_options` / `cache_control`, `userLocation`
 * gains `type: "approximate"`, `metadata`/`logitBias` keys are kept as given, and the attribution
 * and routing-metadata options become headers.
 */
export function toWireRequest(options: OpenRouterOptions): WireRequestParts {
  const { webSearch, promptCaching, includeRoutingMetadata, appName, appUrl, appCategories, ...rest } =
    validateOptions(options);
  const body = (toWire(rest) ?? {}) as Record<string, unknown>;

  if (webSearch !== undefined) {
    const webSearchOptions = toWire(webSearch);
    if (webSearchOptions !== undefined) body.web_search_options = webSearchOptions;
  }
  if (promptCaching !== undefined) {
    const { key, mode, ttl, cacheControl } = promptCaching;
    if (key !== undefined) body.prompt_cache_key = key;
    // `explicit` is the only mode: a ttl alone implies it.
    if (mode !== undefined || ttl !== undefined)
      body.prompt_cache_options = toWire({ mode: mode ?? 'explicit', ttl });
    if (cacheControl !== undefined) body.cache_control = toWire(cacheControl);
  }

  const headers: Record<string, string> = {};
  if (includeRoutingMetadata === true) headers['X-OpenRouter-Metadata'] = 'enabled';
  if (appUrl !== undefined) headers['HTTP-Referer'] = appUrl;
  if (appName !== undefined) headers['X-OpenRouter-Title'] = appName;
  if (appCategories !== undefined && appCategories.length > 0) {
    headers['X-OpenRouter-Categories'] = appCategories.join(',');
  }
  return { body: body as Partial<WireChatRequest>, headers };
}

/** A deep copy with snake_case keys; `undefined` values and empty objects are left out. */
function toWire(value: unknown, verbatim = false): unknown {
  if (Array.isArray(value)) return value.map((entry) => toWire(entry, verbatim));
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const converted = toWire(entry, verbatim || verbatimKeys.has(key));
    if (converted === undefined) continue;
    if (key === 'userLocation') {
      // The spec requires `type`; `approximate` is the only kind.
      result.user_location = { type: 'approximate', ...(converted as object) };
    } else {
      result[verbatim ? key : key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = converted;
    }
  }
  return Object.keys(result).length === 0 ? undefined : result;
}
