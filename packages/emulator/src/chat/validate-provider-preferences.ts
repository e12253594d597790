import { badRequest } from '../http/emulator-http-error';

const PROVIDER_KEYS = new Set([
  'order',
  'allow_fallbacks',
  'require_parameters',
  'data_collection',
  'zdr',
  'enforce_distillable_text',
  'only',
  'ignore',
  'quantizations',
  'sort',
  'preferred_min_throughput',
  'preferred_max_latency',
  'max_price',
  'experimental',
]);
const SORTS = new Set(['price', 'throughput', 'latency', 'exacto']);
const QUANTIZATIONS = new Set([
  'int4',
  'int8',
  'fp4',
  'mxfp4',
  'nvfp4',
  'fp6',
  'fp8',
  'mxfp8',
  'fp16',
  'bf16',
  'fp32',
  'unknown',
]);
const MAX_PRICE_KEYS = new Set(['prompt', 'completion', 'request', 'image', 'audio']);

function fail(detail: string): never {
  throw badRequest(`Invalid provider preferences: ${detail}`, { field: 'provider' });
}

function stringArray(value: unknown, key: string): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    fail(`\`provider.${key}\` must be an array of provider names`);
  }
}

function optionalBoolean(value: unknown, key: string): void {
  if (value !== null && value !== undefined && typeof value !== 'boolean')
    fail(`\`provider.${key}\` must be a boolean`);
}

function percentileOrNumber(value: unknown, key: string): void {
  if (value === null || value === undefined || typeof value === 'number') return;
  if (typeof value !== 'object' || Array.isArray(value))
    fail(`\`provider.${key}\` must be a number or {p50,p75,p90,p99}`);
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    if (!['p50', 'p75', 'p90', 'p99'].includes(name) || typeof item !== 'number') {
      fail(`\`provider.${key}.${name}\` is not a valid percentile cutoff`);
    }
  }
}

/** OpenRouter treats `provider` as a closed object: unknown keys and wrong types are a 400. */
export function validateProviderPreferences(value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) fail('`provider` must be an object');
  const preferences = value as Record<string, unknown>;
  const unknown = Object.keys(preferences).filter((key) => !PROVIDER_KEYS.has(key));
  if (unknown.length > 0) {
    fail(
      `unrecognized key(s) ${unknown.map((key) => `\`${key}\``).join(', ')} (allowed: ${[...PROVIDER_KEYS].join(', ')})`,
    );
  }
  stringArray(preferences.order, 'order');
  stringArray(preferences.only, 'only');
  stringArray(preferences.ignore, 'ignore');
  optionalBoolean(preferences.allow_fallbacks, 'allow_fallbacks');
  optionalBoolean(preferences.require_parameters, 'require_parameters');
  optionalBoolean(preferences.zdr, 'zdr');
  optionalBoolean(preferences.enforce_distillable_text, 'enforce_distillable_text');
  const dataCollection = preferences.data_collection;
  if (
    dataCollection !== null &&
    dataCollection !== undefined &&
    dataCollection !== 'allow' &&
    dataCollection !== 'deny'
  ) {
    fail('`provider.data_collection` must be "allow" or "deny"');
  }
  const quantizations = preferences.quantizations;
  if (quantizations !== null && quantizations !== undefined) {
    if (
      !Array.isArray(quantizations) ||
      quantizations.some((item) => typeof item !== 'string' || !QUANTIZATIONS.has(item))
    ) {
      fail(`\`provider.quantizations\` must be an array of ${[...QUANTIZATIONS].join(', ')}`);
    }
  }
  const sort = preferences.sort;
  if (sort !== null && sort !== undefined) {
    if (typeof sort === 'string') {
      if (!SORTS.has(sort)) fail('`provider.sort` must be "price", "throughput", "latency" or "exacto"');
    } else if (typeof sort === 'object' && !Array.isArray(sort)) {
      const config = sort as Record<string, unknown>;
      if (
        config.by !== null &&
        config.by !== undefined &&
        (typeof config.by !== 'string' || !SORTS.has(config.by))
      ) {
        fail('`provider.sort.by` must be "price", "throughput", "latency" or "exacto"');
      }
      if (
        config.partition !== null &&
        config.partition !== undefined &&
        config.partition !== 'model' &&
        config.partition !== 'none'
      ) {
        fail('`provider.sort.partition` must be "model" or "none"');
      }
    } else {
      fail('`provider.sort` must be a string or {by, partition}');
    }
  }
  percentileOrNumber(preferences.preferred_min_throughput, 'preferred_min_throughput');
  percentileOrNumber(preferences.preferred_max_latency, 'preferred_max_latency');
  const maxPrice = preferences.max_price;
  if (maxPrice !== null && maxPrice !== undefined) {
    if (typeof maxPrice !== 'object' || Array.isArray(maxPrice))
      fail('`provider.max_price` must be an object');
    for (const [key, price] of Object.entries(maxPrice as Record<string, unknown>)) {
      if (!MAX_PRICE_KEYS.has(key)) fail(`unrecognized key \`max_price.${key}\``);
      if (
        !(
          typeof price === 'number' ||
          (typeof price === 'string' && price.trim() !== '' && Number.isFinite(Number(price)))
        )
      ) {
        fail(`\`provider.max_price.${key}\` must be a number (USD per million tokens)`);
      }
    }
  }
}
