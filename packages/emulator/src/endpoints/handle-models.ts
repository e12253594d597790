import type { CatalogueModel } from '../catalogue/catalogue-types';
import { endpointsToWire, modelToWire } from '../catalogue/model-to-wire';
import { normalizeProviderName } from '../chat/select-endpoints';
import { badRequest, EmulatorHttpError } from '../http/emulator-http-error';
import { sendJson } from '../http/send-json';
import type { HandlerContext } from '../server/emulator-context';

const listCache = new WeakMap<object, Map<string, string>>();

function list(value: string | null): string[] {
  return value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
}

function promptPerMillion(model: CatalogueModel): number {
  const top = model.providers[0];
  return top ? Number(top.pricing.prompt) * 1_000_000 : 0;
}

/** Routers have no price of their own (OpenRouter lists them at -1): they sort last. */
function averagePrice(model: CatalogueModel): number {
  const top = model.providers[0];
  return top ? (Number(top.pricing.prompt) + Number(top.pricing.completion)) / 2 : Number.POSITIVE_INFINITY;
}

function nonNegativeNumber(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw badRequest(`\`${key}\` must be a non-negative number`);
  return value;
}

/** Filters, sorts and paginates the catalogue like `GET /models`. */
function selectModels(
  models: CatalogueModel[],
  query: URLSearchParams,
  embeddingsOnly: boolean,
): CatalogueModel[] {
  let selected = models.filter((model) => !model.hidden);
  const outputs = embeddingsOnly ? ['embeddings'] : list(query.get('output_modalities') ?? 'text');
  if (!outputs.includes('all'))
    selected = selected.filter((model) => model.outputModalities.some((item) => outputs.includes(item)));
  const inputs = list(query.get('input_modalities'));
  if (inputs.length > 0)
    selected = selected.filter((model) => inputs.every((item) => model.inputModalities.includes(item)));
  const parameters = list(query.get('supported_parameters'));
  if (parameters.length > 0)
    selected = selected.filter((model) =>
      parameters.every((item) => model.supportedParameters.includes(item)),
    );
  const category = query.get('category');
  if (category) selected = selected.filter((model) => model.categories?.includes(category));
  const search = query.get('q')?.toLowerCase();
  if (search)
    selected = selected.filter(
      (model) => model.id.toLowerCase().includes(search) || model.name.toLowerCase().includes(search),
    );
  const authors = list(query.get('model_authors'));
  if (authors.length > 0)
    selected = selected.filter((model) => authors.includes(model.id.split('/')[0] as string));
  const providers = list(query.get('providers')).map(normalizeProviderName);
  if (providers.length > 0) {
    selected = selected.filter((model) =>
      model.providers.some((provider) => providers.includes(normalizeProviderName(provider.name))),
    );
  }
  const context = nonNegativeNumber(query, 'context');
  if (context !== undefined) selected = selected.filter((model) => model.contextLength >= context);
  const minPrice = nonNegativeNumber(query, 'min_price');
  if (minPrice !== undefined) selected = selected.filter((model) => promptPerMillion(model) >= minPrice);
  const maxPrice = nonNegativeNumber(query, 'max_price');
  if (maxPrice !== undefined) selected = selected.filter((model) => promptPerMillion(model) <= maxPrice);
  if (query.get('zdr') === 'true')
    selected = selected.filter((model) => model.providers.some((provider) => provider.zdr));
  const sort = query.get('sort');
  const byPrice = (a: CatalogueModel, b: CatalogueModel): number => {
    const difference = averagePrice(a) - averagePrice(b);
    return Number.isNaN(difference) ? 0 : difference;
  };
  if (sort === 'pricing-low-to-high') selected.sort(byPrice);
  else if (sort === 'pricing-high-to-low')
    selected.sort((a, b) => (a.providers.length === 0 ? 1 : b.providers.length === 0 ? -1 : byPrice(b, a)));
  else if (sort === 'context-high-to-low') selected.sort((a, b) => b.contextLength - a.contextLength);
  else if (sort === 'newest') selected.sort((a, b) => b.created - a.created);
  else if (sort === 'throughput-high-to-low') {
    selected.sort((a, b) => (b.providers[0]?.throughput.p50 ?? 0) - (a.providers[0]?.throughput.p50 ?? 0));
  } else if (sort === 'latency-low-to-high') {
    selected.sort(
      (a, b) => (a.providers[0]?.latency.p50 ?? Infinity) - (b.providers[0]?.latency.p50 ?? Infinity),
    );
  }
  return selected;
}

/** `GET /models` and `GET /embeddings/models` (serialised responses are cached per query). */
export function handleModels(context: HandlerContext, embeddingsOnly: boolean): void {
  const query = context.url.searchParams;
  const catalogue = context.emulator.models.catalogue;
  let cache = listCache.get(catalogue);
  if (!cache) {
    cache = new Map();
    listCache.set(catalogue, cache);
  }
  const key = `${embeddingsOnly ? 'e' : 'm'}?${query.toString()}`;
  const cached = cache.get(key);
  if (cached) {
    sendJson(context.response, 200, cached);
    return;
  }
  const offsetRaw = query.get('offset');
  const limitRaw = query.get('limit');
  const selected = selectModels(catalogue.models, query, embeddingsOnly);
  let page = selected;
  let next: string | null = null;
  if (offsetRaw !== null || limitRaw !== null) {
    const offset = offsetRaw === null || offsetRaw === '' ? 0 : Number(offsetRaw);
    const limit = limitRaw === null || limitRaw === '' ? 500 : Number(limitRaw);
    if (!Number.isInteger(offset) || offset < 0) throw badRequest('`offset` must be a non-negative integer');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw badRequest('`limit` must be an integer between 1 and 1000');
    page = selected.slice(offset, offset + limit);
    if (offset + limit < selected.length) {
      const nextQuery = new URLSearchParams(query);
      nextQuery.set('offset', String(offset + limit));
      nextQuery.set('limit', String(limit));
      next = `${context.url.pathname}?${nextQuery.toString()}`;
    }
  }
  const text = JSON.stringify({ data: page.map(modelToWire), total_count: selected.length, links: { next } });
  if (cache.size < 1000) cache.set(key, text);
  sendJson(context.response, 200, text);
}

/** `GET /models/{author}/{slug}/endpoints` */
export function handleModelEndpoints(context: HandlerContext, author: string, slug: string): void {
  const id = `${decodeURIComponent(author)}/${decodeURIComponent(slug)}`;
  const resolved = context.emulator.models.resolve(id);
  if (!resolved || resolved.model.hidden) {
    throw new EmulatorHttpError(404, `No model found with id ${id}`, { metadata: null });
  }
  sendJson(context.response, 200, { data: endpointsToWire(resolved.model) });
}
