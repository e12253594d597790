import type { CatalogueModel, CataloguePricing, CatalogueProvider } from './catalogue-types';

/** Catalogue prices → OpenRouter's pricing object (strings, USD per token). */
export function pricingToWire(pricing: CataloguePricing): Record<string, string> {
  const out: Record<string, string> = {
    prompt: pricing.prompt,
    completion: pricing.completion,
    request: pricing.request ?? '0',
    image: pricing.image ?? '0',
  };
  if (pricing.imageOutput !== undefined) out.image_output = pricing.imageOutput;
  if (pricing.webSearch !== undefined) out.web_search = pricing.webSearch;
  if (pricing.internalReasoning !== undefined) out.internal_reasoning = pricing.internalReasoning;
  if (pricing.inputCacheRead !== undefined) out.input_cache_read = pricing.inputCacheRead;
  if (pricing.inputCacheWrite !== undefined) out.input_cache_write = pricing.inputCacheWrite;
  return out;
}

function modality(model: CatalogueModel): string {
  return `${model.inputModalities.join('+')}->${model.outputModalities.join('+')}`;
}

const ROUTER_PRICING = { prompt: '-1', completion: '-1' };

/** One entry of `GET /models`. */
export function modelToWire(model: CatalogueModel): Record<string, unknown> {
  const top = model.providers[0] as CatalogueProvider | undefined;
  const wire: Record<string, unknown> = {
    id: model.id,
    canonical_slug: model.canonicalSlug,
    hugging_face_id: model.huggingFaceId ?? '',
    name: model.name,
    created: model.created,
    description: model.description,
    context_length: model.contextLength,
    architecture: {
      modality: modality(model),
      input_modalities: model.inputModalities,
      output_modalities: model.outputModalities,
      tokenizer: model.tokenizer,
      instruct_type: model.instructType,
    },
    pricing: model.kind === 'router' || !top ? ROUTER_PRICING : pricingToWire(top.pricing),
    top_provider: {
      context_length: top?.contextLength ?? model.contextLength,
      max_completion_tokens: top?.maxCompletionTokens ?? null,
      is_moderated: top?.name === 'OpenAI' || top?.name === 'Azure',
    },
    per_request_limits: null,
    supported_parameters: model.supportedParameters,
    default_parameters:
      model.kind === 'embedding' ? null : { temperature: null, top_p: null, frequency_penalty: null },
    supported_voices: null,
    knowledge_cutoff: model.knowledgeCutoff ?? null,
    expiration_date: null,
    links: { details: `/api/v1/models/${model.id}/endpoints` },
  };
  if (model.reasoning) {
    wire.reasoning = {
      mandatory: model.reasoning.mandatory,
      default_enabled: model.reasoning.defaultEnabled,
      supported_efforts: model.reasoning.supportedEfforts,
      default_effort: model.reasoning.defaultEffort,
      supports_max_tokens: model.reasoning.format !== 'openai-responses-v1',
    };
  }
  return wire;
}

/** `GET /models/{author}/{slug}/endpoints` data. */
export function endpointsToWire(model: CatalogueModel): Record<string, unknown> {
  return {
    id: model.id,
    name: model.name,
    created: model.created,
    description: model.description,
    architecture: {
      tokenizer: model.tokenizer,
      instruct_type: model.instructType,
      modality: modality(model),
      input_modalities: model.inputModalities,
      output_modalities: model.outputModalities,
    },
    endpoints: model.providers.map((provider) => ({
      name: `${provider.name} | ${model.id}`,
      model_id: model.id,
      model_name: model.name,
      context_length: provider.contextLength,
      pricing: { ...pricingToWire(provider.pricing), discount: 0 },
      provider_name: provider.name,
      tag:
        provider.quantization && provider.quantization !== 'unknown'
          ? `${provider.slug}/${provider.quantization}`
          : provider.slug,
      quantization: provider.quantization,
      max_completion_tokens: provider.maxCompletionTokens,
      max_prompt_tokens: null,
      supported_parameters: provider.supportedParameters,
      status: provider.available === false ? -2 : 0,
      uptime_last_30m: provider.available === false ? 0 : provider.uptime,
      uptime_last_5m: provider.available === false ? 0 : Math.min(100, provider.uptime + 0.05),
      uptime_last_1d: provider.uptime,
      supports_implicit_caching: provider.supportsImplicitCaching,
      latency_last_30m: provider.latency,
      throughput_last_30m: provider.throughput,
    })),
  };
}
