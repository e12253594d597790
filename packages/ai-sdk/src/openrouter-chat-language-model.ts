import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { buildChatRequest } from './build-chat-request';
import { callCore } from './call-core';
import { mapChatResult } from './map-chat-result';
import { mapStreamResult } from './map-stream-result';
import type { OpenRouterModelConfig } from './openrouter-model-config';
import type { OpenRouterChatSettings } from './openrouter-settings';
import { readSettingsLevel, type SettingsLevel } from './resolve-openrouter-settings';
import { SUPPORTED_URLS } from './supported-urls';

/** An OpenRouter chat model (`/chat/completions`) implementing LanguageModel V4. */
export class OpenRouterChatLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider: string = 'openrouter.chat';
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = SUPPORTED_URLS;
  private readonly config: OpenRouterModelConfig;
  private readonly levels: readonly SettingsLevel[];

  constructor(modelId: string, settings: OpenRouterChatSettings | undefined, config: OpenRouterModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.levels = [config.defaults, readSettingsLevel(settings, `settings of model "${modelId}"`)];
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const request = buildChatRequest(this.modelId, options, this.levels);
    this.config.assertApiKey();
    const url = `${this.config.baseURL}/chat/completions`;
    const result = await callCore(this.config, url, request, options, (body, requestOptions) =>
      this.config.client.chat.send(body, requestOptions),
    );
    return mapChatResult(result, request, url);
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const request = buildChatRequest(this.modelId, options, this.levels);
    this.config.assertApiKey();
    const url = `${this.config.baseURL}/chat/completions`;
    const stream = await callCore(this.config, url, request, options, (body, requestOptions) =>
      this.config.client.chat.stream(body, requestOptions),
    );
    return mapStreamResult(stream, url, request, options);
  }
}
