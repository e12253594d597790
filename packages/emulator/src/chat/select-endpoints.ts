import type { WireProviderPreferences } from '@openrouter-adapters/core';
import type { CatalogueModel, CatalogueProvider } from '../catalogue/catalogue-types';
import { EmulatorHttpError } from '../http/emulator-http-error';

const DOCS_URL = 'https://openrouter.ai/docs/guides/routing/provider-selection';

/** Lower-cased letters and digits only: "Google AI Studio" and "google-ai-studio" compare equal. */
export function normalizeProviderName(name: string): string {
  const base = name.includes('/') ? (name.split('/')[0] as string) : name;
  return base.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function providerMatches(provider: CatalogueProvider, name: string): boolean {
  const wanted = normalizeProviderName(name);
  return wanted === normalizeProviderName(provider.name) || wanted === normalizeProviderName(provider.slug);
}

function perMillion(price: string | undefined): number {
  return price === undefined ? 0 : Number(price) * 1_000_000;
}

function totalPrice(provider: CatalogueProvider): number {
  return Number(provider.pricing.prompt) + Number(provider.pricing.completion);
}

export type EndpointSelection = {
  /** Providers to try, in order. */
  providers: CatalogueProvider[];
  /** Providers that passed the filters (for `openrouter_metadata.endpoints`). */
  eligible: CatalogueProvider[];
};

type Filter = {
  key: string;
  keep: (provider: CatalogueProvider) => boolean;
  message: string;
  code: string;
  constraint?: unknown;
};

function noEndpoints(
  model: CatalogueModel,
  requested: string,
  filter: Pick<Filter, 'key' | 'message' | 'code' | 'constraint'>,
): EmulatorHttpError {
  return new EmulatorHttpError(404, filter.message, {
    fallbackAllowed: true,
    metadata: null,
    availability: {
      code: filter.code,
      retryable: false,
      requested_models: [requested],
      excluded_by: [filter.key],
      ...(filter.constraint !== undefined ? { constraint: filter.constraint } : {}),
      docs_url: DOCS_URL,
    },
    extra: { model: model.id },
  });
}

/**
 * Applies provider preferences to a model's endpoints: filters (only, ignore, quantizations,
 * data_collection, zdr, max_price, require_parameters, tool support), then ordering (order, sort,
 * variant sort, soft throughput/latency preferences) and allow_fallbacks. Throws OpenRouter's 404
 * (with `availability`) when nothing is left.
 */
export function selectEndpoints(
  model: CatalogueModel,
  requestedId: string,
  preferences: WireProviderPreferences | null | undefined,
  options: { requestedParameters: string[]; needsTools: boolean; variantSort?: 'price' | 'throughput' },
): EndpointSelection {
  const prefs = preferences ?? {};
  const filters: Filter[] = [];
  if (options.needsTools) {
    filters.push({
      key: 'tools',
      keep: (provider) => provider.supportedParameters.includes('tools'),
      message:
        'No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing',
      code: 'constraint_filtered',
      constraint: { parameters: ['tools'] },
    });
  }
  if (prefs.only && prefs.only.length > 0) {
    const only = prefs.only;
    filters.push({
      key: 'only',
      keep: (provider) => only.some((name) => providerMatches(provider, name)),
      message: `No allowed providers are available for the selected model. (provider.only: ${only.join(', ')})`,
      code: 'no_endpoints',
    });
  }
  if (prefs.ignore && prefs.ignore.length > 0) {
    const ignore = prefs.ignore;
    filters.push({
      key: 'ignore',
      keep: (provider) => !ignore.some((name) => providerMatches(provider, name)),
      message:
        'No allowed providers are available for the selected model. (every provider is in provider.ignore)',
      code: 'no_endpoints',
    });
  }
  if (prefs.quantizations && prefs.quantizations.length > 0) {
    const wanted = prefs.quantizations;
    filters.push({
      key: 'quantizations',
      keep: (provider) => wanted.includes(provider.quantization ?? 'unknown'),
      message: `No endpoints found matching the requested quantizations (${wanted.join(', ')}).`,
      code: 'constraint_filtered',
      constraint: { quantizations: wanted },
    });
  }
  if (prefs.data_collection === 'deny') {
    filters.push({
      key: 'data_collection',
      keep: (provider) => provider.dataCollection === 'deny',
      message: `No endpoints found matching your data policy (Paid model training). Configure: https://openrouter.ai/settings/privacy`,
      code: 'privacy_restricted',
    });
  }
  if (prefs.zdr === true) {
    filters.push({
      key: 'zdr',
      keep: (provider) => provider.zdr,
      message:
        'No endpoints found matching your data policy (Zero data retention). Configure: https://openrouter.ai/settings/privacy',
      code: 'privacy_restricted',
    });
  }
  if (prefs.max_price) {
    const maxPrice = prefs.max_price;
    const limit = (key: 'prompt' | 'completion' | 'request' | 'image'): number | undefined =>
      maxPrice[key] === undefined ? undefined : Number(maxPrice[key]);
    filters.push({
      key: 'max_price',
      keep: (provider) => {
        const prompt = limit('prompt');
        const completion = limit('completion');
        const request = limit('request');
        const image = limit('image');
        if (prompt !== undefined && perMillion(provider.pricing.prompt) > prompt) return false;
        if (completion !== undefined && perMillion(provider.pricing.completion) > completion) return false;
        if (request !== undefined && Number(provider.pricing.request ?? 0) > request) return false;
        if (image !== undefined && Number(provider.pricing.image ?? 0) > image) return false;
        return true;
      },
      message: 'No endpoints found that meet the maximum price requirements (provider.max_price).',
      code: 'constraint_filtered',
      constraint: { max_price: maxPrice },
    });
  }
  if (prefs.require_parameters === true && options.requestedParameters.length > 0) {
    const parameters = options.requestedParameters;
    filters.push({
      key: 'require_parameters',
      keep: (provider) => parameters.every((parameter) => provider.supportedParameters.includes(parameter)),
      message: `No endpoints found that can handle the requested parameters (${parameters.join(', ')}).`,
      code: 'constraint_filtered',
      constraint: { parameters },
    });
  }
  let eligible = model.providers;
  for (const filter of filters) {
    const kept = eligible.filter(filter.keep);
    if (kept.length === 0) throw noEndpoints(model, requestedId, filter);
    eligible = kept;
  }
  const sortBy = typeof prefs.sort === 'string' ? prefs.sort : (prefs.sort?.by ?? options.variantSort);
  let sorted = [...eligible];
  if (sortBy === 'price') sorted.sort((a, b) => totalPrice(a) - totalPrice(b));
  else if (sortBy === 'throughput') sorted.sort((a, b) => b.throughput.p50 - a.throughput.p50);
  else if (sortBy === 'latency') sorted.sort((a, b) => a.latency.p50 - b.latency.p50);
  else {
    // Soft preferences only reorder: endpoints that miss them go last.
    const minThroughput =
      typeof prefs.preferred_min_throughput === 'number'
        ? prefs.preferred_min_throughput
        : prefs.preferred_min_throughput?.p50;
    const maxLatency =
      typeof prefs.preferred_max_latency === 'number'
        ? prefs.preferred_max_latency
        : prefs.preferred_max_latency?.p50;
    const misses = (provider: CatalogueProvider): number =>
      (minThroughput !== undefined && minThroughput !== null && provider.throughput.p50 < minThroughput
        ? 1
        : 0) + (maxLatency !== undefined && maxLatency !== null && provider.latency.p50 > maxLatency ? 1 : 0);
    sorted = sorted
      .map((provider, index) => ({ provider, index }))
      .sort((a, b) => misses(a.provider) - misses(b.provider) || a.index - b.index)
      .map((entry) => entry.provider);
  }
  const allowFallbacks = prefs.allow_fallbacks !== false;
  const ordered: CatalogueProvider[] = [];
  for (const name of prefs.order ?? []) {
    const match = sorted.find((provider) => providerMatches(provider, name) && !ordered.includes(provider));
    if (match) ordered.push(match);
  }
  let providers: CatalogueProvider[];
  if (ordered.length > 0)
    providers = allowFallbacks
      ? [...ordered, ...sorted.filter((provider) => !ordered.includes(provider))]
      : ordered;
  else if (prefs.order && prefs.order.length > 0 && !allowFallbacks) {
    throw noEndpoints(model, requestedId, {
      key: 'order',
      message: `No allowed providers are available for the selected model. (provider.order: ${prefs.order.join(', ')}, allow_fallbacks: false)`,
      code: 'no_endpoints',
    });
  } else providers = allowFallbacks ? sorted : sorted.slice(0, 1);
  return { providers, eligible };
}
