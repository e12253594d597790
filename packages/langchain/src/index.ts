// @openrouter-adapters/langchain: the public entry. Named exports only.

// Core's typed errors, so users can classify failures without depending on core directly.
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  InvalidOptionsError,
  OpenRouterError,
  RateLimitError,
  StreamError,
  StreamTruncatedError,
} from '@openrouter-adapters/core';
export { ChatOpenRouter } from './chat-openrouter';
export type {
  ChatOpenRouterCallOptions,
  ChatOpenRouterFields,
  ChatOpenRouterRequestOptions,
} from './chat-openrouter-fields';
export { OpenRouterEmbeddings, type OpenRouterEmbeddingsFields } from './openrouter-embeddings';
