import { LoadAPIKeyError, type ProviderV4 } from '@ai-sdk/provider';
import {
  createOpenRouterClient,
  DEFAULT_BASE_URL,
  InvalidOptionsError,
  type OpenRouterClient,
  type OpenRouterClientOptions,
} from '@openrouter-adapters/core';
import { invalidOptionsToArgumentError } from './map-error';
import { OpenRouterChatLanguageModel } from './openrouter-chat-language-model';
import { OpenRouterCompletionLanguageModel } from './openrouter-completion-language-model';
import { OpenRouterEmbeddingModel } from './openrouter-embedding-model';
import { OpenRouterImageModel } from './openrouter-image-model';
import type { OpenRouterModelConfig } from './openrouter-model-config';
import type {
  OpenRouterChatSettings,
  OpenRouterEmbeddingSettings,
  OpenRouterImageSettings,
  OpenRouterProviderSettings,
} from './openrouter-settings';
import { readSettingsLevel } from './resolve-openrouter-settings';
import { VERSION } from './version';
import { webSearchTool } from './web-search-tool';

export interface OpenRouterProvider extends ProviderV4 {
  /** A chat model (same as `chat`). */
  (modelId: string, settings?: OpenRouterChatSettings): OpenRouterChatLanguageModel;
  languageModel(modelId: string, settings?: OpenRouterChatSettings): OpenRouterChatLanguageModel;
  /** A chat model (`/chat/completions`). */
  chat(modelId: string, settings?: OpenRouterChatSettings): OpenRouterChatLanguageModel;
  /** A legacy text-completion model (`/completions`). */
  completion(modelId: string, settings?: OpenRouterChatSettings): OpenRouterCompletionLanguageModel;
  embeddingModel(modelId: string, settings?: OpenRouterEmbeddingSettings): OpenRouterEmbeddingModel;
  /** Alias of `embeddingModel`. */
  textEmbeddingModel(modelId: string, settings?: OpenRouterEmbeddingSettings): OpenRouterEmbeddingModel;
  /** Image generation via chat completions with image output. */
  imageModel(modelId: string, settings?: OpenRouterImageSettings): OpenRouterImageModel;
  /** OpenRouter server tools, for `tools: { ... }` of `generateText`/`streamText`. */
  readonly tools: { webSearch: typeof webSearchTool };
}

/** Settings that configure the client rather than requests. */
const CLIENT_KEYS: ReadonlySet<string> = new Set([
  'apiKey',
  'baseURL',
  'headers',
  'fetch',
  'providerApiKeys',
  'maxRetries',
  'initialRetryDelayMs',
  'maxRetryDelayMs',
  'connectTimeoutMs',
  'timeoutMs',
  'idleTimeoutMs',
  'maxEventBytes',
  'appName',
  'appUrl',
  'appCategories',
]);

/** Core's default retry budget (`maxRetries` when not set). */
const DEFAULT_MAX_RETRIES = 2;

/**
 * Creates an OpenRouter provider for the AI SDK. Every OpenRouter option (routing, fallbacks,
 * reasoning, plugins, caching, ...) can be set here as a default, per model, or per call in
 * `providerOptions.openrouter`; all are validated.
 */
export function createOpenRouter(settings: OpenRouterProviderSettings = {}): OpenRouterProvider {
  const defaults = readSettingsLevel(settings, 'createOpenRouter settings', CLIENT_KEYS);
  const baseURL = (settings.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const usesOpenRouter = baseURL === DEFAULT_BASE_URL.replace(/\/+$/, '');
  const readApiKey = (): string | undefined => settings.apiKey ?? readEnvironmentKey();
  const clientOptions: OpenRouterClientOptions = {
    apiKey: readApiKey,
    baseURL,
    clientName: `ai-sdk/${VERSION}`,
  };
  const headers = { ...settings.headers };
  if (settings.providerApiKeys !== undefined && Object.keys(settings.providerApiKeys).length > 0) {
    headers['X-Provider-API-Keys'] = JSON.stringify(settings.providerApiKeys);
  }
  if (Object.keys(headers).length > 0) clientOptions.headers = headers;
  if (settings.fetch !== undefined) clientOptions.fetch = settings.fetch;
  if (settings.appName !== undefined) clientOptions.appName = settings.appName;
  if (settings.appUrl !== undefined) clientOptions.appUrl = settings.appUrl;
  if (settings.appCategories !== undefined) clientOptions.appCategories = settings.appCategories;
  if (settings.maxRetries !== undefined) clientOptions.maxRetries = settings.maxRetries;
  if (settings.initialRetryDelayMs !== undefined)
    clientOptions.initialRetryDelayMs = settings.initialRetryDelayMs;
  if (settings.maxRetryDelayMs !== undefined) clientOptions.maxRetryDelayMs = settings.maxRetryDelayMs;
  if (settings.connectTimeoutMs !== undefined) clientOptions.connectTimeoutMs = settings.connectTimeoutMs;
  if (settings.timeoutMs !== undefined) clientOptions.timeoutMs = settings.timeoutMs;
  if (settings.idleTimeoutMs !== undefined) clientOptions.idleTimeoutMs = settings.idleTimeoutMs;
  if (settings.maxEventBytes !== undefined) clientOptions.maxEventBytes = settings.maxEventBytes;

  const config: OpenRouterModelConfig = {
    client: createClient(clientOptions),
    baseURL,
    defaults,
    maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES,
    assertApiKey: () => {
      if (usesOpenRouter && !readApiKey()) {
        throw new LoadAPIKeyError({
          message:
            'OpenRouter API key is missing. Pass it as `apiKey` to createOpenRouter() or set the OPENROUTER_API_KEY environment variable.',
        });
      }
    },
  };

  const chat = (modelId: string, modelSettings?: OpenRouterChatSettings): OpenRouterChatLanguageModel =>
    new OpenRouterChatLanguageModel(modelId, modelSettings, config);
  const embedding = (
    modelId: string,
    modelSettings?: OpenRouterEmbeddingSettings,
  ): OpenRouterEmbeddingModel => new OpenRouterEmbeddingModel(modelId, modelSettings, config);

  const provider = function openRouterProvider(
    modelId: string,
    modelSettings?: OpenRouterChatSettings,
  ): OpenRouterChatLanguageModel {
    if (new.target) throw new Error('The OpenRouter provider is a function; call it without `new`.');
    return chat(modelId, modelSettings);
  };
  provider.specificationVersion = 'v4' as const;
  provider.languageModel = chat;
  provider.chat = chat;
  provider.completion = (
    modelId: string,
    modelSettings?: OpenRouterChatSettings,
  ): OpenRouterCompletionLanguageModel =>
    new OpenRouterCompletionLanguageModel(modelId, modelSettings, config);
  provider.embeddingModel = embedding;
  provider.textEmbeddingModel = embedding;
  provider.imageModel = (modelId: string, modelSettings?: OpenRouterImageSettings): OpenRouterImageModel =>
    new OpenRouterImageModel(modelId, modelSettings, config);
  provider.tools = { webSearch: webSearchTool };
  return provider;
}

/** Core validates client settings (retries, timeouts): its error becomes an `InvalidArgumentError`. */
function createClient(options: OpenRouterClientOptions): OpenRouterClient {
  try {
    return createOpenRouterClient(options);
  } catch (error) {
    if (InvalidOptionsError.isInstance(error)) throw invalidOptionsToArgumentError(error);
    throw error;
  }
}

/** `OPENROUTER_API_KEY`, read at request time; `undefined` where there is no `process` (edge, browsers). */
function readEnvironmentKey(): string | undefined {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return environment?.OPENROUTER_API_KEY;
}

/** The default provider: reads `OPENROUTER_API_KEY` at request time, not at import time. */
export const openrouter: OpenRouterProvider = /* @__PURE__ */ createOpenRouter();
