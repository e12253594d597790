import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import { InvalidArgumentError } from '@ai-sdk/provider';
import { toWireRequest, type WireEmbeddingRequest } from '@openrouter-adapters/core';
import { callCore } from './call-core';
import type { OpenRouterModelConfig } from './openrouter-model-config';
import type { OpenRouterEmbeddingSettings } from './openrouter-settings';
import { addExtraBody } from './resolve-call-options';
import {
  isPlainObject,
  mergeSettingsLevels,
  readSettingsLevel,
  type SettingsLevel,
} from './resolve-openrouter-settings';

/** Only routing and `user` apply to embeddings; other OpenRouter options are rejected. */
const EMBEDDING_OPTION_KEYS = new Set(['provider', 'user', 'extraBody']);
const RESERVED_KEYS: ReadonlySet<string> = new Set(['model', 'input', 'dimensions', 'encoding_format']);

/** An OpenRouter embedding model (`/embeddings`) implementing EmbeddingModel V4. */
export class OpenRouterEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider: string = 'openrouter.embedding';
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number | undefined = undefined;
  readonly supportsParallelCalls: boolean = true;
  private readonly config: OpenRouterModelConfig;
  private readonly settings: SettingsLevel;
  private readonly encodingFormat: 'float' | 'base64' | undefined;

  constructor(
    modelId: string,
    settings: OpenRouterEmbeddingSettings | undefined,
    config: OpenRouterModelConfig,
  ) {
    this.modelId = modelId;
    this.config = config;
    const { encodingFormat, ...rest } = settings ?? {};
    this.encodingFormat = readEncodingFormat(encodingFormat, `settings of embedding model "${modelId}"`);
    this.settings = readEmbeddingLevel(rest, `settings of embedding model "${modelId}"`);
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const call = options.providerOptions?.openrouter;
    const { encodingFormat: callFormat, ...callRest } = isPlainObject(call) ? call : {};
    const encodingFormat =
      readEncodingFormat(callFormat, 'providerOptions.openrouter') ?? this.encodingFormat;
    const defaults = pickEmbeddingOptions(this.config.defaults);
    const merged = mergeSettingsLevels([
      defaults,
      this.settings,
      readEmbeddingLevel(call === undefined ? undefined : callRest, 'providerOptions.openrouter'),
    ]);
    const wire = toWireRequest(merged.options);
    const body: WireEmbeddingRequest = {
      model: this.modelId,
      ...wire.body,
      input: options.values,
    } as WireEmbeddingRequest;
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    if (encodingFormat !== undefined) body.encoding_format = encodingFormat;
    addExtraBody(body, merged.adapter.extraBody, RESERVED_KEYS);
    this.config.assertApiKey();
    const url = `${this.config.baseURL}/embeddings`;
    const response = await callCore(
      this.config,
      url,
      { body, headers: wire.headers },
      options,
      (wireBody, requestOptions) => this.config.client.embeddings.create(wireBody, requestOptions),
    );
    const data = [...response.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const usage = response.usage;
    const metadata: Record<string, string | number | boolean> = { isByok: usage?.is_byok === true };
    if (response.provider !== undefined) metadata.provider = response.provider;
    if (response.model !== undefined) metadata.model = response.model;
    if (response.response.generationId !== undefined) metadata.generationId = response.response.generationId;
    if (typeof usage?.cost === 'number') metadata.cost = usage.cost;
    const upstreamCost = usage?.cost_details?.upstream_inference_cost;
    if (typeof upstreamCost === 'number') metadata.upstreamCost = upstreamCost;
    return {
      embeddings: data.map((item) =>
        typeof item.embedding === 'string' ? decodeFloat32(item.embedding) : item.embedding,
      ),
      ...(usage === undefined ? {} : { usage: { tokens: usage.prompt_tokens } }),
      providerMetadata: { openrouter: metadata },
      response: { headers: response.response.headers, body: response },
      warnings: [],
    };
  }
}

function readEmbeddingLevel(input: unknown, label: string): SettingsLevel {
  if (isPlainObject(input)) {
    const unknown = Object.keys(input).filter(
      (key) => !EMBEDDING_OPTION_KEYS.has(key) && input[key] !== undefined,
    );
    if (unknown.length > 0) {
      throw new InvalidArgumentError({
        argument: label,
        message: `Invalid OpenRouter options in ${label}: ${unknown.join(', ')} ${unknown.length === 1 ? 'does' : 'do'} not apply to embeddings (supported: provider, user, encodingFormat, extraBody).`,
      });
    }
  }
  return readSettingsLevel(input, label);
}

/** Provider-level defaults carry chat options too; embeddings take only routing and `user`. */
function pickEmbeddingOptions(level: SettingsLevel): SettingsLevel {
  const options: SettingsLevel['options'] = {};
  if (level.options.provider !== undefined) options.provider = level.options.provider;
  if (level.options.user !== undefined) options.user = level.options.user;
  return { options, adapter: {} };
}

function readEncodingFormat(value: unknown, label: string): 'float' | 'base64' | undefined {
  if (value === undefined || value === 'float' || value === 'base64') return value;
  throw new InvalidArgumentError({
    argument: `${label}.encodingFormat`,
    message: `${label}.encodingFormat must be 'float' or 'base64'.`,
  });
}

/** A base64 embedding: little-endian float32 values. */
function decodeFloat32(base64: string): number[] {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const view = new DataView(bytes.buffer);
  const values = new Array<number>(bytes.length >> 2);
  for (let index = 0; index < values.length; index++) values[index] = view.getFloat32(index * 4, true);
  return values;
}
