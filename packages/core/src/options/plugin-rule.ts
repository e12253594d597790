import type {
  AutoBetaRouterPluginOptions,
  AutoRouterPluginOptions,
  ContextCompressionPluginOptions,
  FileParserPluginOptions,
  FusionPluginOptions,
  ModerationPluginOptions,
  ParetoRouterPluginOptions,
  PluginOptions,
  ResponseHealingPluginOptions,
  UserLocation,
  WebFetchPluginOptions,
  WebSearchPluginOptions,
} from './openrouter-options';
import {
  arrayRule,
  booleanRule,
  childPath,
  didYouMean,
  enumRule,
  fail,
  got,
  INVALID,
  isPlainObject,
  numberRule,
  objectRule,
  type Rule,
  recordRule,
  type Shape,
  stringRule,
} from './option-rules';
import { suggestOptionName } from './suggest-option-name';

/** Approximate user location (web search). */
export function createUserLocationRule(): Rule<UserLocation> {
  const nonEmpty = stringRule();
  return objectRule<UserLocation>({
    type: enumRule(['approximate']),
    city: nonEmpty,
    region: nonEmpty,
    country: nonEmpty,
    timezone: nonEmpty,
  });
}

type PluginId = PluginOptions['id'];
type PluginRules = { [Id in PluginId]: Rule<Extract<PluginOptions, { id: Id }>> };

/** A plugin's options; `id` is checked by the plugins rule, which picked this shape by it. */
function plugin<T extends PluginOptions>(shape: Shape<Omit<T, 'id'>>): Rule<T> {
  return objectRule<T>({ ...shape, id: (id: unknown) => id } as unknown as Shape<T>);
}

/** The `plugins` list rule: each entry checked against the options of its `id`, each id at most once. */
export function createPluginsRule(): Rule<PluginOptions[]> {
  const positiveInteger = numberRule({ integer: true, min: 1 });
  const nonEmpty = stringRule();
  const stringList = arrayRule(stringRule(), { unique: true });
  const autoRouter: Shape<Omit<AutoBetaRouterPluginOptions, 'id'>> = {
    enabled: booleanRule,
    allowedModels: stringList,
    excludedModels: stringList,
    costTier: enumRule(['low', 'medium', 'high', 'xhigh', 'max']),
    costQualityTradeoff: numberRule({ integer: true, min: 0, max: 10 }),
  };

  const pluginRules: PluginRules = {
    web: plugin<WebSearchPluginOptions>({
      enabled: booleanRule,
      engine: nonEmpty,
      mode: nonEmpty,
      maxResults: positiveInteger,
      maxUses: positiveInteger,
      searchPrompt: nonEmpty,
      includeDomains: stringList,
      excludeDomains: stringList,
      userLocation: createUserLocationRule(),
    }),
    'web-fetch': plugin<WebFetchPluginOptions>({
      maxUses: positiveInteger,
      maxContentTokens: positiveInteger,
      allowedDomains: stringList,
      blockedDomains: stringList,
    }),
    'file-parser': plugin<FileParserPluginOptions>({
      enabled: booleanRule,
      pdf: objectRule<NonNullable<FileParserPluginOptions['pdf']>>({ engine: nonEmpty }),
    }),
    'response-healing': plugin<ResponseHealingPluginOptions>({ enabled: booleanRule }),
    moderation: plugin<ModerationPluginOptions>({}),
    'context-compression': plugin<ContextCompressionPluginOptions>({
      enabled: booleanRule,
      engine: nonEmpty,
    }),
    'auto-router': plugin<AutoRouterPluginOptions>({ ...autoRouter, pinModel: booleanRule }),
    'auto-beta-router': plugin<AutoBetaRouterPluginOptions>(autoRouter),
    'pareto-router': plugin<ParetoRouterPluginOptions>({
      enabled: booleanRule,
      maxPrice: numberRule({ min: 0 }),
      minCodingScore: numberRule({ min: 0, max: 1 }),
      priceSource: enumRule(['prompt', 'weighted_avg']),
    }),
    fusion: plugin<FusionPluginOptions>({
      enabled: booleanRule,
      analysisModels: arrayRule(stringRule(), { maxItems: 8 }),
      maxToolCalls: numberRule({ integer: true, min: 1, max: 16 }),
      model: nonEmpty,
      preset: enumRule(['general-high', 'general-budget', 'general-fast']),
      tools: arrayRule(
        objectRule<NonNullable<FusionPluginOptions['tools']>[number]>(
          { type: nonEmpty, parameters: recordRule<unknown>((value) => value) },
          { required: ['type'] },
        ),
      ),
    }),
  };

  const pluginIds = Object.keys(pluginRules);

  const pluginRule: Rule<PluginOptions> = (value, path, issues) => {
    if (!isPlainObject(value)) {
      return fail(issues, path, `must be a plugin object such as { id: "web" }${got(value)}`);
    }
    const id = value.id;
    if (typeof id === 'string' && Object.hasOwn(pluginRules, id)) {
      return pluginRules[id as PluginId](value, path, issues);
    }
    const suggestion = typeof id === 'string' ? suggestOptionName(id, pluginIds) : undefined;
    return fail(
      issues,
      childPath(path, 'id'),
      `must be a plugin id: "${pluginIds.join('", "')}"${got(id)}${didYouMean(suggestion)}`,
    );
  };
  const list = arrayRule(pluginRule);

  return (value, path, issues) => {
    const plugins = list(value, path, issues);
    if (plugins === INVALID) return INVALID;
    for (const [index, { id }] of plugins.entries()) {
      if (plugins.findIndex((other) => other.id === id) < index) {
        fail(issues, childPath(childPath(path, index), 'id'), `plugin "${id}" is listed twice`);
      }
    }
    return plugins;
  };
}
