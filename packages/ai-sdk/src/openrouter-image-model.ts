import {
  type ImageModelV4,
  type ImageModelV4CallOptions,
  type ImageModelV4ProviderMetadata,
  type ImageModelV4Result,
  type SharedV4Warning,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import type { WireChatRequest, WireContentPart } from '@openrouter-adapters/core';
import { buildProviderMetadata } from './build-provider-metadata';
import { callCore } from './call-core';
import { convertFilePart } from './convert-file-part';
import type { OpenRouterModelConfig } from './openrouter-model-config';
import type { OpenRouterImageSettings } from './openrouter-settings';
import { addExtraBody, resolveCallOptions } from './resolve-call-options';
import { readSettingsLevel, type SettingsLevel } from './resolve-openrouter-settings';

const RESERVED_KEYS: ReadonlySet<string> = new Set(['model', 'models', 'messages', 'stream', 'modalities']);

/**
 * Image generation through chat completions with `modalities: ["image", "text"]` (how OpenRouter
 * serves image models such as `google/gemini-2.5-flash-image`). Input files turn the call into
 * an edit; `aspectRatio` (or `size`, reduced to a ratio) goes to `image_config.aspect_ratio`.
 */
export class OpenRouterImageModel implements ImageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider: string = 'openrouter.image';
  readonly modelId: string;
  /** One chat completion returns one image; the AI SDK issues `n` calls in parallel. */
  readonly maxImagesPerCall: number = 1;
  readonly supportsFileInputs: boolean = true;
  readonly supportsMaskInputs: boolean = false;
  private readonly config: OpenRouterModelConfig;
  private readonly levels: readonly SettingsLevel[];

  constructor(modelId: string, settings: OpenRouterImageSettings | undefined, config: OpenRouterModelConfig) {
    this.modelId = modelId;
    this.config = config;
    this.levels = [config.defaults, readSettingsLevel(settings, `settings of image model "${modelId}"`)];
  }

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImageModelV4Result> {
    if (options.mask !== undefined) {
      throw new UnsupportedFunctionalityError({
        functionality: 'image masks (inpainting) through OpenRouter',
      });
    }
    const warnings: SharedV4Warning[] = [];
    const { settings, wire } = resolveCallOptions(
      {
        prompt: [],
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
      },
      this.levels,
      warnings,
    );
    const content: WireContentPart[] = [];
    if (options.prompt !== undefined && options.prompt.length > 0)
      content.push({ type: 'text', text: options.prompt });
    for (const file of options.files ?? []) {
      content.push(
        file.type === 'url'
          ? { type: 'image_url', image_url: { url: file.url } }
          : convertFilePart({ data: { type: 'data', data: file.data }, mediaType: file.mediaType }),
      );
    }
    const body = { model: this.modelId, ...wire.body } as WireChatRequest;
    body.messages = [{ role: 'user', content }];
    body.modalities ??= ['image', 'text'];
    const aspectRatio = options.aspectRatio ?? ratioOfSize(options.size, warnings);
    if (aspectRatio !== undefined) body.image_config = { ...body.image_config, aspect_ratio: aspectRatio };
    addExtraBody(body, settings.adapter.extraBody, RESERVED_KEYS);
    this.config.assertApiKey();
    const url = `${this.config.baseURL}/chat/completions`;
    const result = await callCore(
      this.config,
      url,
      { body, headers: wire.headers },
      options,
      (wireBody, requestOptions) => this.config.client.chat.send(wireBody, requestOptions),
    );
    const callMetadata = buildProviderMetadata(result).openrouter ?? {};
    const images: string[] = [];
    const imageMetadata: Array<Record<string, unknown>> = [];
    for (const image of result.images) {
      const imageUrl = image.image_url?.url ?? '';
      const comma = imageUrl.indexOf(',');
      if (!imageUrl.startsWith('data:') || comma < 0) {
        warnings.push({
          type: 'other',
          message: `The model returned an image URL instead of data: ${imageUrl}`,
        });
        continue;
      }
      images.push(imageUrl.slice(comma + 1));
      // The AI SDK keeps only `images` when it merges the metadata of several calls: each image
      // carries its call's metadata (provider, model, generation id, cost).
      imageMetadata.push({ mediaType: imageUrl.slice(5, imageUrl.search(/[;,]/)), ...callMetadata });
    }
    return {
      images,
      warnings,
      providerMetadata: {
        openrouter: {
          ...callMetadata,
          images: imageMetadata,
          text: result.text,
        } as ImageModelV4ProviderMetadata[string],
      },
      response: {
        timestamp: result.created === undefined ? new Date() : new Date(result.created * 1000),
        modelId: result.model ?? this.modelId,
        headers: result.response?.headers,
      },
      ...(result.usage === undefined
        ? {}
        : {
            usage: {
              inputTokens: result.usage.inputTokens,
              outputTokens: result.usage.outputTokens,
              totalTokens: result.usage.totalTokens,
            },
          }),
    };
  }
}

/** `1024x768` → `4:3` (OpenRouter image models take ratios, not pixel sizes). */
function ratioOfSize(size: ImageModelV4CallOptions['size'], warnings: SharedV4Warning[]): string | undefined {
  if (size === undefined) return undefined;
  const [width, height] = size.split('x').map(Number);
  if (width === undefined || height === undefined || !(width > 0) || !(height > 0)) return undefined;
  const divisor = greatestCommonDivisor(width, height);
  const ratio = `${width / divisor}:${height / divisor}`;
  warnings.push({
    type: 'compatibility',
    feature: 'size',
    details: `OpenRouter image models take an aspect ratio; size ${size} was sent as aspect_ratio ${ratio}.`,
  });
  return ratio;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
