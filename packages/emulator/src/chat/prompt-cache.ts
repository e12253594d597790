import { createHash } from 'node:crypto';
import type { WireChatRequest } from '@openrouter-adapters/core';
import type { CatalogueModel, CatalogueProvider } from '../catalogue/catalogue-types';

export type CacheUsage = { cachedTokens: number; cacheWriteTokens: number };

/**
 * Simulated prompt caching: each message prefix is a cache entry. A request reads the longest prefix
 * an earlier request wrote (`cached_tokens`) and writes the rest (`cache_write_tokens`, only where
 * the provider bills cache writes, like Anthropic and Gemini; OpenAI caches implicitly for free).
 */
export function applyPromptCache(
  cache: Map<string, number>,
  request: Pick<WireChatRequest, 'messages' | 'tools'>,
  prefixTokens: number[],
  model: CatalogueModel,
  provider: CatalogueProvider,
): CacheUsage {
  const hash = createHash('sha256');
  hash.update(model.id);
  hash.update('\0');
  if (request.tools) hash.update(JSON.stringify(request.tools));
  const keys: string[] = [];
  for (const message of request.messages) {
    hash.update('\0');
    hash.update(JSON.stringify(message));
    keys.push(hash.copy().digest('base64'));
  }
  let cachedTokens = 0;
  for (let index = keys.length - 1; index >= 0; index--) {
    const hit = cache.get(keys[index] as string);
    if (hit !== undefined) {
      cachedTokens = hit;
      break;
    }
  }
  keys.forEach((key, index) => {
    cache.set(key, prefixTokens[index] as number);
  });
  const total = prefixTokens[prefixTokens.length - 1] ?? 0;
  const cacheWriteTokens =
    provider.pricing.inputCacheWrite !== undefined ? Math.max(0, total - cachedTokens) : 0;
  return { cachedTokens, cacheWriteTokens };
}
