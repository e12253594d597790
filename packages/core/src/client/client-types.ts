import type { ChatResult } from '../stream/chat-result';
import type { ChatStreamEvent } from '../stream/chat-stream-event';
import type { WireChatRequest } from '../wire/chat';
import type { ResponseMeta } from './response-meta';

export type OpenRouterClientOptions = {
  /** The API key, or a function returning it (read lazily, on each request). */
  apiKey?: string | (() => string | undefined | Promise<string | undefined>);
  /** Default `https://openrouter.ai/api/v1`. Point it at the emulator or our Express middleware. */
  baseURL?: string;
  /** Injectable fetch (defaults to `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Attribution: sent as `X-OpenRouter-Title`. */
  appName?: string;
  /** Attribution: sent as `HTTP-Referer`. */
  appUrl?: string;
  /** Attribution: sent as `X-OpenRouter-Categories`. */
  appCategories?: string[];
  /** Identifies the caller in the client identifier header, e.g. `ai-sdk/1.2.3`. */
  clientName?: string;
  /** Retries before the first response byte (default 2). */
  maxRetries?: number;
  /** First backoff step (default 500 ms); exponential with full jitter. */
  initialRetryDelayMs?: number;
  /** A retry hint longer than this fails fast instead of waiting (default 60 s). */
  maxRetryDelayMs?: number;
  /** Time allowed to receive response headers, per attempt (default 120 s). */
  connectTimeoutMs?: number;
  /** Time allowed for the whole request incl. retries and body (default 10 min). */
  timeoutMs?: number;
  /** Streaming: longest silence between bytes (default 60 s; keep-alives count). */
  idleTimeoutMs?: number;
  /** Largest single SSE event accepted (default 16 MiB). */
  maxEventBytes?: number;
};

/** Per-call options; they override the client's. */
export type RequestOptions = {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  maxRetries?: number;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  idleTimeoutMs?: number;
};

/**
 * A streamed chat completion. Iterate it for events; `result()` resolves to the accumulated
 * result (or rejects with the typed error, whose `partial` holds what was received).
 */
export interface ChatStream extends AsyncIterable<ChatStreamEvent> {
  readonly response: ResponseMeta;
  /** Consumes the rest of the stream (if not iterated) and resolves with the accumulated result. */
  result(): Promise<ChatResult>;
  /** Stops reading and cancels the HTTP body (the server sees a disconnect). */
  cancel(reason?: unknown): Promise<void>;
}

/** A raw upstream response after retries and status checks (used by proxies). */
export type RawResponse = {
  response: Response;
  meta: ResponseMeta;
};

export type RawRequest = {
  method: 'GET' | 'POST';
  /** Path below the base URL, e.g. `/chat/completions`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Marks a streaming request (the connect timeout ends at headers; no body is buffered). */
  stream?: boolean;
};

export type ChatResultWithRaw<TRaw> = ChatResult & { raw: TRaw };

export type { WireChatRequest };

/** The client's surface. Bodies are OpenRouter wire requests (snake_case), like OpenAI's own client. */
export interface OpenRouterClientApi<
  TChatResponse = unknown,
  TCompletionRequest = unknown,
  TCompletionResponse = unknown,
  TEmbeddingRequest = unknown,
  TEmbeddingResponse = unknown,
  TModelsQuery = unknown,
  TModel = unknown,
  TEndpoints = unknown,
  TGeneration = unknown,
  TKey = unknown,
  TCredits = unknown,
> {
  chat: {
    /** Non-streaming; `stream` is forced to false. */
    send(body: WireChatRequest, options?: RequestOptions): Promise<ChatResultWithRaw<TChatResponse>>;
    /** Resolves once response headers arrived (retries happen before that); `stream` is forced to true. */
    stream(body: WireChatRequest, options?: RequestOptions): Promise<ChatStream>;
  };
  completions: {
    send(
      body: TCompletionRequest,
      options?: RequestOptions,
    ): Promise<TCompletionResponse & { response: ResponseMeta }>;
    stream(body: TCompletionRequest, options?: RequestOptions): Promise<ChatStream>;
  };
  embeddings: {
    create(
      body: TEmbeddingRequest,
      options?: RequestOptions,
    ): Promise<TEmbeddingResponse & { response: ResponseMeta }>;
  };
  models: {
    list(query?: TModelsQuery, options?: RequestOptions): Promise<TModel[]>;
    endpoints(modelId: string, options?: RequestOptions): Promise<TEndpoints>;
  };
  generation: {
    /** Retries the early 404 (the record appears shortly after a completion). */
    get(id: string, options?: RequestOptions): Promise<TGeneration>;
  };
  key: { get(options?: RequestOptions): Promise<TKey> };
  credits: { get(options?: RequestOptions): Promise<TCredits> };
  /** Low-level: one request with retries before the first byte and typed errors for non-2xx. */
  request(request: RawRequest, options?: RequestOptions): Promise<RawResponse>;
}
