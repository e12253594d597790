import type { OptionIssue } from '../errors/invalid-options-error';
import type { Percentiles, ProviderPreferences, ProviderSort } from './openrouter-options';
import {
  arrayRule,
  booleanRule,
  childPath,
  eitherRule,
  enumRule,
  fail,
  got,
  isPlainObject,
  numberRule,
  type ObjectRule,
  objectRule,
  type Rule,
  stringRule,
} from './option-rules';

type SortObject = Exclude<NonNullable<ProviderPreferences['sort']>, string>;
type MaxPrice = NonNullable<ProviderPreferences['maxPrice']>;

/** USD per million tokens (per request / per image for those keys): a number or a decimal string. */
const priceRule: Rule<number | string> = (value, path, issues) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : typeof value === 'string' && /^\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)
      ? value.trim()
      : fail(
          issues,
          path,
          `must be a non-negative price in USD, as a number or a decimal string${got(value)}`,
        );

/** The `provider` routing preferences rule (built on first use, so bundlers can drop it). */
export function createProviderPreferencesRule(): ObjectRule<ProviderPreferences> {
  const providerSorts = ['price', 'throughput', 'latency', 'exacto'] as const;
  const nonNegative = numberRule({ min: 0 });
  const percentileFields = objectRule<Percentiles>({
    p50: nonNegative,
    p75: nonNegative,
    p90: nonNegative,
    p99: nonNegative,
  });
  /** A number (the p50) or per-percentile thresholds. */
  const threshold = eitherRule<number, Percentiles>(
    { rule: nonNegative, when: (value) => typeof value === 'number' },
    {
      rule: (value, path, issues) =>
        Object.keys(value as Percentiles).length === 0
          ? fail(issues, path, 'must set at least one of p50, p75, p90, p99')
          : percentileFields(value, path, issues),
      when: isPlainObject,
    },
    'a non-negative number or an object with p50/p75/p90/p99',
  );
  const sort = eitherRule<ProviderSort, SortObject>(
    { rule: enumRule(providerSorts), when: (value) => typeof value === 'string' },
    {
      rule: objectRule<SortObject>(
        { by: enumRule(providerSorts), partition: enumRule(['model', 'none']) },
        { required: ['by'] },
      ),
      when: isPlainObject,
    },
    `one of "${providerSorts.join('", "')}" or { by, partition }`,
  );
  const providers = arrayRule(stringRule(), { unique: true });

  return objectRule<ProviderPreferences>(
    {
      order: providers,
      allowFallbacks: booleanRule,
      requireParameters: booleanRule,
      dataCollection: enumRule(['allow', 'deny']),
      zdr: booleanRule,
      enforceDistillableText: booleanRule,
      only: providers,
      ignore: providers,
      quantizations: providers,
      sort,
      preferredMinThroughput: threshold,
      preferredMaxLatency: threshold,
      maxPrice: objectRule<MaxPrice>({
        prompt: priceRule,
        completion: priceRule,
        request: priceRule,
        image: priceRule,
        audio: priceRule,
      }),
    },
    {
      hints: { providers: 'only', exclude: 'ignore' },
      refine: (clean, path, issues) => {
        checkDisjoint(clean.only, 'only', clean.ignore, path, issues);
        checkDisjoint(clean.order, 'order', clean.ignore, path, issues);
      },
    },
  );
}

/** Provider slugs are case-insensitive: `OpenAI` in one list and `openai` in `ignore` conflict. */
function checkDisjoint(
  listed: readonly string[] | undefined,
  listedName: 'only' | 'order',
  ignored: readonly string[] | undefined,
  path: string,
  issues: OptionIssue[],
): void {
  const names = new Set(listed?.map((name) => name.trim().toLowerCase()));
  for (const [index, name] of (ignored ?? []).entries()) {
    if (names.has(name.trim().toLowerCase())) {
      fail(
        issues,
        childPath(childPath(path, 'ignore'), index),
        `"${name}" is also listed in ${childPath(path, listedName)}: a provider cannot be both ${listedName === 'only' ? 'required' : 'preferred'} and ignored`,
      );
    }
  }
}
