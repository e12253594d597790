import { InvalidArgumentError, type SharedV4ProviderOptions } from '@ai-sdk/provider';
import type { WireCacheControl, WireReasoningDetail } from '@openrouter-adapters/core';
import type { OpenRouterMessageOptions } from './openrouter-settings';
import { isPlainObject } from './resolve-openrouter-settings';

/**
 * Reads `providerOptions.openrouter` of a prompt message or part. Also accepts the snake_case
 * names and `providerOptions.anthropic.cacheControl` that `@openrouter/ai-sdk-provider` users
 * already have in stored conversations.
 */
export function readMessageOptions(
  providerOptions: SharedV4ProviderOptions | undefined,
): OpenRouterMessageOptions | undefined {
  if (providerOptions === undefined) return undefined;
  const openrouter = providerOptions.openrouter;
  const anthropic = providerOptions.anthropic;
  const cacheControl =
    openrouter?.cacheControl ??
    openrouter?.cache_control ??
    anthropic?.cacheControl ??
    anthropic?.cache_control;
  if (openrouter === undefined && cacheControl === undefined) return undefined;
  const result: OpenRouterMessageOptions = {};
  if (cacheControl !== undefined && cacheControl !== null)
    result.cacheControl = readCacheControl(cacheControl);
  if (openrouter === undefined) return result;
  const details = openrouter.reasoningDetails ?? openrouter.reasoning_details;
  if (details !== undefined && details !== null) result.reasoningDetails = readReasoningDetails(details);
  if (typeof openrouter.filename === 'string') result.filename = openrouter.filename;
  const detail = openrouter.imageDetail;
  if (detail === 'auto' || detail === 'low' || detail === 'high') result.imageDetail = detail;
  return result;
}

function readCacheControl(value: unknown): WireCacheControl {
  if (isPlainObject(value) && typeof value.type === 'string') {
    const ttl = value.ttl;
    if (ttl === undefined) return { type: value.type };
    if (typeof ttl === 'string') return { type: value.type, ttl };
  }
  throw new InvalidArgumentError({
    argument: 'providerOptions.openrouter.cacheControl',
    message: `providerOptions.openrouter.cacheControl must be { type: 'ephemeral', ttl?: '5m' | '1h' }, got ${JSON.stringify(value)}.`,
  });
}

function readReasoningDetails(value: unknown): WireReasoningDetail[] {
  if (
    Array.isArray(value) &&
    value.every((detail) => isPlainObject(detail) && typeof detail.type === 'string')
  ) {
    return value as WireReasoningDetail[];
  }
  throw new InvalidArgumentError({
    argument: 'providerOptions.openrouter.reasoningDetails',
    message:
      'providerOptions.openrouter.reasoningDetails must be the array of reasoning_details objects (each with a string `type`) returned by OpenRouter.',
  });
}
