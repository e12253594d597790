import type { OpenRouterOptions, WireCacheControl, WireReasoningDetail } from '@openrouter-adapters/core';

/** Settings this adapter accepts next to the OpenRouter options, at model and call level. */
export type OpenRouterAdapterSettings = {
  /**
   * Structured outputs: `response_format.json_schema.strict` when the call asks for JSON with a
   * schema (default `true`). Set `strict: false` for models whose providers reject strict schemas.
   */
  structuredOutputs?: { strict?: boolean };
  /**
   * Extra top-level fields for OpenRouter features this package does not model yet, sent as is
   * (wire names, e.g. `{ image_config: { aspect_ratio: '16:9' } }`). A key the provider already
   * sets (`model`, `messages`, `tools`, `provider`, ...) is rejected, never overridden.
   */
  extraBody?: Record<string, unknown>;
};

/**
 * Model settings (`openrouter('model', settings)`) and call options
 * (`providerOptions.openrouter`): every OpenRouter option in camelCase plus the adapter settings.
 * Validated by core; unknown or contradictory options raise an `InvalidArgumentError`.
 */
export type OpenRouterChatSettings = OpenRouterOptions & OpenRouterAdapterSettings;

/** The shape accepted in `providerOptions.openrouter` of a call. */
export type OpenRouterProviderOptions = OpenRouterChatSettings;

/** `providerOptions.openrouter` on prompt messages and parts (provider-specific extras). */
export type OpenRouterMessageOptions = {
  /** Prompt-caching breakpoint (`cache_control`) on this message or part. */
  cacheControl?: WireCacheControl;
  /**
   * Assistant messages: the `reasoning_details` to send back verbatim. The provider puts them on
   * the parts it returns, so a normal multi-turn conversation needs nothing here.
   */
  reasoningDetails?: WireReasoningDetail[];
  /** File parts: the file name sent with documents. */
  filename?: string;
  /** Image parts: `image_url.detail`. */
  imageDetail?: 'auto' | 'low' | 'high';
};

/** Options of the embedding model (settings and `providerOptions.openrouter`). */
export type OpenRouterEmbeddingSettings = Pick<OpenRouterOptions, 'provider' | 'user'> & {
  /** `encoding_format` (default `float`). */
  encodingFormat?: 'float' | 'base64';
  /** See {@link OpenRouterAdapterSettings.extraBody}. */
  extraBody?: Record<string, unknown>;
};

/** Options of the image model: chat options (routing, user, ...) plus adapter settings. */
export type OpenRouterImageSettings = OpenRouterChatSettings;

/** Settings of `createOpenRouter`: the client, plus default OpenRouter options for every model. */
export type OpenRouterProviderSettings = OpenRouterChatSettings & {
  /**
   * The API key. Defaults to the `OPENROUTER_API_KEY` environment variable, read at request
   * time. Optional when `baseURL` points at something else than OpenRouter (the emulator, or a
   * server-side gateway such as `@openrouter-adapters/express` that holds the key).
   */
  apiKey?: string;
  /** Default `https://openrouter.ai/api/v1`. */
  baseURL?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Custom fetch (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Bring-your-own-key per request: provider slug → key, sent as `X-Provider-API-Keys`. */
  providerApiKeys?: Record<string, string>;
  /**
   * Retries before the first response byte, done by core honouring `Retry-After` (default 2).
   * Errors that reach the AI SDK after core retried are marked `isRetryable: false`, so the
   * AI SDK's own `maxRetries` does not multiply them. Set `0` to let the AI SDK retry instead.
   */
  maxRetries?: number;
  /** First backoff step of core's retries (default 500 ms). */
  initialRetryDelayMs?: number;
  /** A retry hint longer than this fails fast (default 60 s). */
  maxRetryDelayMs?: number;
  /** Time allowed to receive response headers, per attempt (default 120 s). */
  connectTimeoutMs?: number;
  /** Time allowed for a whole request including retries and body (default 10 min). */
  timeoutMs?: number;
  /** Streaming: longest silence between bytes, keep-alives included (default 60 s). */
  idleTimeoutMs?: number;
  /** Largest single SSE event accepted (default 16 MiB). */
  maxEventBytes?: number;
};
