// @openrouter-adapters/core: the public entry. Named exports only; every module is one concept.

// PKCE
export {
  type BuildAuthUrlOptions,
  buildAuthUrl,
  type CreatePkcePairOptions,
  createPkcePair,
  type ExchangeAuthCodeOptions,
  type ExchangeAuthCodeResult,
  exchangeAuthCode,
  type PkceChallengeMethod,
  type PkcePair,
} from './auth/pkce';
// Client
export type {
  ChatResultWithRaw,
  ChatStream,
  OpenRouterClientApi,
  OpenRouterClientOptions,
  RawRequest,
  RawResponse,
  RequestOptions,
} from './client/client-types';
export { CORE_VERSION, DEFAULT_BASE_URL } from './client/constants';
export { createOpenRouterClient, type OpenRouterClient } from './client/create-openrouter-client';
export type { ResponseMeta } from './client/response-meta';
export { AbortError } from './errors/abort-error';
export { AuthenticationError } from './errors/authentication-error';
export { BadRequestError } from './errors/bad-request-error';
export { ConnectionError } from './errors/connection-error';
export { EdgeTimeoutError } from './errors/edge-timeout-error';
export {
  type ErrorPayloadContext,
  type ErrorResponseInput,
  errorFromPayload,
  errorFromResponse,
} from './errors/error-from-response';
export { InsufficientCreditsError } from './errors/insufficient-credits-error';
export { InternalServerError } from './errors/internal-server-error';
export { InvalidOptionsError, type OptionIssue } from './errors/invalid-options-error';
export { ModerationError } from './errors/moderation-error';
export { NoEndpointsError } from './errors/no-endpoints-error';
export { NotFoundError } from './errors/not-found-error';
// Errors
export { OpenRouterError, type OpenRouterErrorOptions, type RateLimitInfo } from './errors/openrouter-error';
export { PayloadTooLargeError } from './errors/payload-too-large-error';
export { PermissionDeniedError } from './errors/permission-denied-error';
export { ProviderError } from './errors/provider-error';
export { ProviderOverloadedError } from './errors/provider-overloaded-error';
export { RateLimitError } from './errors/rate-limit-error';
export { RequestTimeoutError } from './errors/request-timeout-error';
export { ResponseParseError, type ResponseParseErrorKind } from './errors/response-parse-error';
export { ServiceUnavailableError } from './errors/service-unavailable-error';
export { StreamError } from './errors/stream-error';
export { StreamTruncatedError } from './errors/stream-truncated-error';
export { TimeoutError } from './errors/timeout-error';
export { UnprocessableEntityError } from './errors/unprocessable-entity-error';
export { type ParseJsonContext, parseJson } from './json/parse-json';
export { formatModelId, type ParsedModelId, parseModelId } from './model-id';
export { mergeOptions } from './options/merge-options';
// Options and model ids
export type * from './options/openrouter-options';
export { toWireRequest, type WireRequestParts } from './options/to-wire-request';
export { type ValidateOptionsContext, validateOptions } from './options/validate-options';
// Streams
export {
  createSseDecoder,
  type SseDecoder,
  type SseDecoderOptions,
  type SseEvent,
} from './sse/create-sse-decoder';
export { type DecodeSseOptions, decodeSse, type SseMessage } from './sse/decode-sse';
export type { ChatDelta, ChatResult, ChatToolCall } from './stream/chat-result';
export { chatResultFromResponse } from './stream/chat-result-from-response';
export { ChatStreamAccumulator } from './stream/chat-stream-accumulator';
export type { ChatStreamEvent } from './stream/chat-stream-event';
export {
  type ChatEventDecoder,
  type ChatEventDecoderOptions,
  createChatEventDecoder,
} from './stream/create-chat-event-decoder';
export { type CreateChatStreamOptions, createChatStream } from './stream/create-chat-stream';
export { type NormalizedUsage, normalizeUsage } from './usage';

// Wire types (snake_case, open)
export type * from './wire/annotations';
export type * from './wire/chat';
export type * from './wire/completions';
export type * from './wire/credits';
export type * from './wire/embeddings';
export type * from './wire/error';
export type * from './wire/generation';
export type * from './wire/key';
export type * from './wire/models';
export type * from './wire/open';
export type * from './wire/reasoning-details';
export type * from './wire/usage';
