import type {
  BaseChatModelCallOptions,
  BaseChatModelParams,
  BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { OpenRouterOptions, WireResponseFormat } from '@openrouter-adapters/core';

/**
 * OpenRouter's request options in camelCase, as core defines them (routing preferences, `models`
 * fallbacks, reasoning, plugins, web search, prompt caching, session id, user, trace, sampling).
 * OpenRouter's `metadata` is named `requestMetadata` here, because `metadata` is LangChain's
 * tracing metadata on both constructor fields and call options.
 */
export type ChatOpenRouterRequestOptions = Omit<OpenRouterOptions, 'metadata'> & {
  /** OpenRouter request `metadata` (string key/values stored with the generation). */
  requestMetadata?: Record<string, string>;
};

/** Constructor fields of `ChatOpenRouter`. */
export interface ChatOpenRouterFields extends BaseChatModelParams, ChatOpenRouterRequestOptions {
  /** Model id, e.g. `anthropic/claude-sonnet-4.6` (or pass it as the first constructor argument). */
  model?: string;
  /** API key; defaults to `OPENROUTER_API_KEY`. Optional when `baseURL` points at a server that adds it. */
  apiKey?: string;
  /** Default `https://openrouter.ai/api/v1`: point it at the emulator or our Express middleware. */
  baseURL?: string;
  /** Injectable fetch (tests, proxies, edge runtimes). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Time allowed for a whole request in milliseconds, retries and streamed body included. */
  timeout?: number;
  /** Longest silence between streamed bytes in milliseconds (keep-alives count). */
  idleTimeout?: number;
  /** Retries before the first response byte, done by core (LangChain's own retries are off). Default 2. */
  maxRetries?: number;
  /** Stream internally on `invoke()` so callbacks receive tokens. */
  streaming?: boolean;
  /** Alias of `stop` (LangChain's standard parameter name). */
  stopSequences?: string[];
}

/** Call options of `ChatOpenRouter`: every request option can be overridden per call. */
export interface ChatOpenRouterCallOptions
  extends BaseChatModelCallOptions,
    Omit<ChatOpenRouterRequestOptions, 'stop'> {
  /** Tools bound with `bindTools()`. */
  tools?: BindToolsInput[];
  /** Mark every bound tool `strict` (schema-exact arguments where the provider supports it). */
  strict?: boolean;
  /** OpenRouter's `response_format`, wire shape (set by `withStructuredOutput`). */
  responseFormat?: WireResponseFormat;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}
