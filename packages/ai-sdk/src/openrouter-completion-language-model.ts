import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { normalizeUsage, type WireCompletionRequest } from '@openrouter-adapters/core';
import { buildProviderMetadata } from './build-provider-metadata';
import { callCore } from './call-core';
import { convertToCompletionPrompt } from './convert-to-completion-prompt';
import { mapFinishReason } from './map-finish-reason';
import { mapStreamResult } from './map-stream-result';
import { mapUsage } from './map-usage';
import type { OpenRouterModelConfig } from './openrouter-model-config';
import type { OpenRouterChatSettings } from './openrouter-settings';
import { addExtraBody, resolveCallOptions } from './resolve-call-options';
import { readSettingsLevel, type SettingsLevel } from './resolve-openrouter-settings';

const RESERVED_KEYS: ReadonlySet<string> = new Set(['model', 'models', 'prompt', 'stream', 'stream_options']);

type CompletionRequest = {
  body: WireCompletionRequest;
  headers: Record<string, string>;
  warnings: SharedV4Warning[];
};

/** An OpenRouter legacy text-completion model (`/completions`) implementing LanguageModel V4. */
export class OpenRouterCompletionLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider: string = 'openrouter.completion';
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private readonly config: OpenRouterModelConfig;
  private readonly levels: readonly SettingsLevel[];

  constructor(modelId: string, settings: OpenRouterChatSettings | undefined, config: OpenRouterModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.levels = [config.defaults, readSettingsLevel(settings, `settings of model "${modelId}"`)];
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const request = this.buildRequest(options);
    const url = `${this.config.baseURL}/completions`;
    const response = await callCore(this.config, url, request, options, (body, requestOptions) =>
      this.config.client.completions.send(body, requestOptions),
    );
    const choice = response.choices[0];
    const content: LanguageModelV4Content[] = [];
    if (typeof choice?.reasoning === 'string' && choice.reasoning.length > 0) {
      content.push({ type: 'reasoning', text: choice.reasoning });
    }
    if (choice !== undefined && choice.text.length > 0) content.push({ type: 'text', text: choice.text });
    const usage = response.usage === undefined ? undefined : normalizeUsage(response.usage);
    return {
      content,
      finishReason: mapFinishReason(choice?.finish_reason ?? undefined, false),
      usage: mapUsage(usage),
      providerMetadata: buildProviderMetadata(
        {
          generationId: response.response.generationId ?? response.id,
          model: response.model,
          provider: response.provider,
          systemFingerprint: response.system_fingerprint ?? undefined,
          reasoningDetails: choice?.reasoning_details ?? [],
          logprobs: choice?.logprobs ?? undefined,
          nativeFinishReason: choice?.native_finish_reason ?? undefined,
          usage,
        },
        choice?.error?.message === undefined
          ? undefined
          : { message: choice.error.message, code: choice.error.code },
      ),
      request: { url, body: request.body },
      response: {
        id: response.id,
        modelId: response.model,
        timestamp: new Date(response.created * 1000),
        headers: response.response.headers,
        body: response,
      },
      warnings: request.warnings,
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const request = this.buildRequest(options);
    const url = `${this.config.baseURL}/completions`;
    const stream = await callCore(this.config, url, request, options, (body, requestOptions) =>
      this.config.client.completions.stream(body, requestOptions),
    );
    return mapStreamResult(stream, url, request, options);
  }

  private buildRequest(call: LanguageModelV4CallOptions): CompletionRequest {
    const warnings: SharedV4Warning[] = [];
    for (const [feature, used] of [
      ['tools', call.tools !== undefined && call.tools.length > 0],
      ['toolChoice', call.toolChoice !== undefined && call.toolChoice.type !== 'auto'],
      ['responseFormat', call.responseFormat !== undefined && call.responseFormat.type !== 'text'],
    ] as const) {
      if (used) {
        warnings.push({
          type: 'unsupported',
          feature,
          details: 'Legacy completions do not support it; use openrouter.chat(...) instead.',
        });
      }
    }
    const { prompt, stopSequences } = convertToCompletionPrompt(call.prompt);
    const { settings, wire } = resolveCallOptions(
      stopSequences.length > 0
        ? { ...call, stopSequences: [...stopSequences, ...(call.stopSequences ?? [])] }
        : call,
      this.levels,
      warnings,
    );
    const body = { model: this.modelId, ...wire.body, prompt } as WireCompletionRequest;
    addExtraBody(body, settings.adapter.extraBody, RESERVED_KEYS);
    this.config.assertApiKey();
    return { body, headers: wire.headers, warnings };
  }
}
