import type { ChatOpenRouterRequestOptions } from './chat-openrouter-fields';

type RequestOptionKey = keyof ChatOpenRouterRequestOptions;

/**
 * Every OpenRouter request option `ChatOpenRouter` accepts on its fields and per call. Typed as a
 * record so the compiler rejects a missing key when core adds an option (and any unknown one).
 */
const KEY_SET: Record<RequestOptionKey, true> = {
  maxTokens: true,
  temperature: true,
  topP: true,
  topK: true,
  topA: true,
  minP: true,
  frequencyPenalty: true,
  presencePenalty: true,
  repetitionPenalty: true,
  seed: true,
  stop: true,
  logitBias: true,
  logprobs: true,
  topLogprobs: true,
  parallelToolCalls: true,
  verbosity: true,
  serviceTier: true,
  modalities: true,
  models: true,
  provider: true,
  reasoning: true,
  plugins: true,
  webSearch: true,
  promptCaching: true,
  transforms: true,
  sessionId: true,
  user: true,
  requestMetadata: true,
  trace: true,
  includeRoutingMetadata: true,
  debug: true,
  appName: true,
  appUrl: true,
  appCategories: true,
};

/** The keys of {@link KEY_SET}, in order. */
export const REQUEST_OPTION_KEYS: readonly RequestOptionKey[] = Object.keys(KEY_SET) as RequestOptionKey[];

/** Copies the request options present in `source` (fields or call options); `undefined` values are skipped. */
export function pickRequestOptions(source: Record<string, unknown>): ChatOpenRouterRequestOptions {
  const picked: Record<string, unknown> = {};
  for (const key of REQUEST_OPTION_KEYS) {
    const value = source[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked as ChatOpenRouterRequestOptions;
}
