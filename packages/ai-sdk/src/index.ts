// @openrouter-adapters/ai-sdk: the OpenRouter provider for the Vercel AI SDK (ai@7, LanguageModel V4).

export type { OpenRouterProviderMetadata } from './build-provider-metadata';
export { OpenRouterChatLanguageModel } from './openrouter-chat-language-model';
export { OpenRouterCompletionLanguageModel } from './openrouter-completion-language-model';
export { OpenRouterEmbeddingModel } from './openrouter-embedding-model';
export { OpenRouterImageModel } from './openrouter-image-model';
export { createOpenRouter, type OpenRouterProvider, openrouter } from './openrouter-provider';
export type {
  OpenRouterAdapterSettings,
  OpenRouterChatSettings,
  OpenRouterEmbeddingSettings,
  OpenRouterImageSettings,
  OpenRouterMessageOptions,
  OpenRouterProviderOptions,
  OpenRouterProviderSettings,
} from './openrouter-settings';
export { VERSION } from './version';
export { type WebSearchToolOptions, webSearchTool } from './web-search-tool';
