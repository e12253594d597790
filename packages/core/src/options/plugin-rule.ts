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
  describeValue,
  enumRule,
  INVALID,
  isPlainObject,
  numberRule,
  objectRule,
  type Rule,
  recordRule,
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

/** The `plugins` list rule: each entry checked against the options of its `id`, each id at most once. */
export function createPluginsRule(): Rule<PluginOptions[]> {
  const positiveInteger = numberRule({ integer: true, min: 1 });
  const nonEmpty = stringRule();
  const stringList = arrayRule(stringRule(), { unique: true });
  const costTiers = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

  const pluginRules: PluginRules = {
    web: objectRule<WebSearchPluginOptions>({
      id: enumRule(['web']),
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
    'web-fetch': objectRule<WebFetchPluginOptions>({
      id: enumRule(['web-fetch']),
      maxUses: positiveInteger,
      maxContentTokens: positiveInteger,
      allowedDomains: stringList,
      blockedDomains: stringList,
    }),
    'file-parser': objectRule<FileParserPluginOptions>({
      id: enumRule(['file-parser']),
      enabled: booleanRule,
      pdf: objectRule<NonNullable<FileParserPluginOptions['pdf']>>({ engine: nonEmpty }),
    }),
    'response-healing': objectRule<ResponseHealingPluginOptions>({
      id: enumRule(['response-healing']),
      enabled: booleanRule,
    }),
    moderation: objectRule<ModerationPluginOptions>({ id: enumRule(['moderation']) }),
    'context-compression': objectRule<ContextCompressionPluginOptions>({
      id: enumRule(['context-compression']),
      enabled: booleanRule,
      engine: nonEmpty,
    }),
    'auto-router': objectRule<AutoRouterPluginOptions>({
      id: enumRule(['auto-router']),
      enabled: booleanRule,
      allowedModels: stringList,
      excludedModels: stringList,
      costTier: enumRule(costTiers),
      costQualityTradeoff: numberRule({ integer: true, min: 0, max: 10 }),
      pinModel: booleanRule,
    }),
    'auto-beta-router': objectRule<AutoBetaRouterPluginOptions>({
      id: enumRule(['auto-beta-router']),
      enabled: booleanRule,
      allowedModels: stringList,
      excludedModels: stringList,
      costTier: enumRule(costTiers),
      costQualityTradeoff: numberRule({ integer: true, min: 0, max: 10 }),
    }),
    'pareto-router': objectRule<ParetoRouterPluginOptions>({
      id: enumRule(['pareto-router']),
      enabled: booleanRule,
      maxPrice: numberRule({ min: 0 }),
      minCodingScore: numberRule({ min: 0, max: 1 }),
      priceSource: enumRule(['prompt', 'weighted_avg']),
    }),
    fusion: objectRule<FusionPluginOptions>({
      id: enumRule(['fusion']),
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
      issues.push({
        path,
        message: `must be a plugin object such as { id: "web" } (got ${describeValue(value)})`,
      });
      return INVALID;
    }
    const id = value.id;
    const rule =
      typeof id === 'string' && Object.hasOwn(pluginRules, id) ? pluginRules[id as PluginId] : undefined;
    if (rule === undefined) {
      const suggestion = typeof id === 'string' ? suggestOptionName(id, pluginIds) : undefined;
      issues.push({
        path: childPath(path, 'id'),
        message:
          `must be a plugin id: ${pluginIds.map((entry) => `"${entry}"`).join(', ')} (got ${describeValue(id)})` +
          (suggestion === undefined ? '' : `; did you mean "${suggestion}"?`),
      });
      return INVALID;
    }
    return rule(value, path, issues);
  };
  const list = arrayRule(pluginRule);

  return (value, path, issues) => {
    const plugins = list(value, path, issues);
    if (plugins === INVALID) return INVALID;
    const seen = new Set<string>();
    for (const [index, plugin] of plugins.entries()) {
      if (seen.has(plugin.id)) {
        issues.push({
          path: childPath(childPath(path, index), 'id'),
          message: `plugin "${plugin.id}" is listed twice`,
        });
      }
      seen.add(plugin.id);
    }
    return plugins;
  };
}
