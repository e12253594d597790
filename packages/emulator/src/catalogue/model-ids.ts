/** Model ids of the built-in catalogue (use these in tests instead of hand-typed strings). */
export const MODEL_IDS = {
  /** OpenAI chat model: tools, parallel tool calls, structured outputs, logprobs. */
  gpt4oMini: 'openai/gpt-4o-mini',
  /** OpenAI reasoning model: `reasoning.summary` + `reasoning.encrypted` details (mandatory reasoning). */
  gpt5Mini: 'openai/gpt-5-mini',
  /** Anthropic reasoning model: reasoning text with signatures, prompt caching with cache writes. */
  claudeSonnet: 'anthropic/claude-sonnet-4.6',
  /** Google model: thought signatures as `reasoning.encrypted` details whose `id` is the tool call id. */
  geminiFlash: 'google/gemini-2.5-flash',
  /** Image generation through chat completions (`modalities: ["image", "text"]` → `message.images`). */
  geminiFlashImage: 'google/gemini-2.5-flash-image',
  /** Paid Llama with three providers of different price, speed and quantization (routing tests). */
  llama: 'meta-llama/llama-3.3-70b-instruct',
  /** Free variant: 20 requests/min, 50/day, `cost: 0`. */
  llamaFree: 'meta-llama/llama-3.3-70b-instruct:free',
  /** Embedding model (1536 dimensions). */
  embeddingSmall: 'openai/text-embedding-3-small',
  /** OpenRouter's auto router: picks a model from the request. */
  auto: 'openrouter/auto',
  /** Alias resolving to the Claude model. */
  claudeSonnetLatest: '~anthropic/claude-sonnet-latest',
  /** Fault model: every attempt fails with 503 (use with `models` fallbacks). */
  always503: 'emulator/always-503',
} as const;

export type BuiltInModelId = (typeof MODEL_IDS)[keyof typeof MODEL_IDS];
