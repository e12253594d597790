import { InvalidOptionsError, type OptionIssue } from '../errors/invalid-options-error';
import type {
  OpenRouterOptions,
  PromptCachingOptions,
  ReasoningOptions,
  TraceOptions,
  WebSearchOptions,
} from './openrouter-options';
import {
  arrayRule,
  booleanRule,
  childPath,
  eitherRule,
  enumRule,
  fail,
  INVALID,
  numberRule,
  objectRule,
  type Rule,
  recordRule,
  stringRule,
} from './option-rules';
import { createPluginsRule, createUserLocationRule } from './plugin-rule';
import { createProviderPreferencesRule } from './provider-preferences-rule';

const clientSetting = 'it is a client setting';
const builtByAdapter = 'the adapter builds it from the conversation';
const passThroughFramework = 'pass it through the framework call';

/** Keys that are not options at all, and what to do instead. */
const notOptions: Readonly<Record<string, string>> = {
  model: 'pass the model id to the adapter (use "models" for fallbacks)',
  messages: builtByAdapter,
  prompt: builtByAdapter,
  stream: 'the adapter sets it',
  tools: passThroughFramework,
  toolChoice: passThroughFramework,
  responseFormat: "use the framework's structured output",
  apiKey: clientSetting,
  baseURL: clientSetting,
  headers: clientSetting,
  includeReasoning: 'use reasoning: { exclude: false } or { enabled: true }',
};

/** Keys people reach for at the top level, and where they belong (provider keys are added). */
const renamed: Readonly<Record<string, string>> = {
  providers: 'provider',
  effort: 'reasoning.effort',
  reasoningEffort: 'reasoning.effort',
  exclude: 'reasoning.exclude',
  summary: 'reasoning.summary',
  maxCompletionTokens: 'maxTokens',
  webSearchOptions: 'webSearch',
  promptCacheKey: 'promptCaching.key',
  promptCacheOptions: 'promptCaching',
  cacheControl: 'promptCaching.cacheControl',
  plugin: 'plugins',
  httpReferer: 'appUrl',
  'HTTP-Referer': 'appUrl',
  xTitle: 'appName',
  'X-Title': 'appName',
  title: 'appName',
  categories: 'appCategories',
};

function createOptionsRule(): Rule<OpenRouterOptions> {
  const reasoningEfforts = ['max', 'xhigh', 'high', 'medium', 'low', 'minimal', 'none'] as const;
  const nonNegativeInteger = numberRule({ integer: true, min: 0 });
  const nonEmpty = stringRule();
  const headerValue = stringRule({ headerSafe: true });
  const provider = createProviderPreferencesRule();

  const hints: Record<string, string> = { ...renamed };
  for (const key of provider.keys) hints[key] = `provider.${key}`;
  for (const [key, advice] of Object.entries(notOptions)) hints[key] = `"${key}" is not an option: ${advice}`;

  const reasoning = objectRule<ReasoningOptions>(
    {
      effort: enumRule(reasoningEfforts),
      maxTokens: nonNegativeInteger,
      exclude: booleanRule,
      enabled: booleanRule,
      summary: enumRule(['auto', 'concise', 'detailed']),
    },
    {
      hints: { budgetTokens: 'maxTokens' },
      refine: (clean, path, issues) => {
        if (clean.effort !== undefined && clean.maxTokens !== undefined) {
          fail(issues, path, 'set either effort or maxTokens, not both');
        }
        if (clean.enabled === false && (clean.effort !== undefined || clean.maxTokens !== undefined)) {
          fail(issues, path, 'enabled is false, but effort or maxTokens is set');
        }
      },
    },
  );

  return objectRule<OpenRouterOptions>(
    {
      // Sampling and output
      maxTokens: nonNegativeInteger,
      temperature: numberRule({ min: 0, max: 2 }),
      topP: numberRule({ min: 0, max: 1 }),
      topK: nonNegativeInteger,
      topA: numberRule({ min: 0, max: 1 }),
      minP: numberRule({ min: 0, max: 1 }),
      frequencyPenalty: numberRule({ min: -2, max: 2 }),
      presencePenalty: numberRule({ min: -2, max: 2 }),
      repetitionPenalty: numberRule({ min: 0, max: 2, exclusiveMin: true }),
      seed: numberRule({ integer: true }),
      stop: eitherRule<string, string[]>(
        { rule: stringRule({ nonEmpty: false }), when: (value) => typeof value === 'string' },
        { rule: arrayRule(stringRule({ nonEmpty: false }), { maxItems: 4 }), when: Array.isArray },
        'a string or an array of at most 4 strings',
      ),
      logitBias: recordRule(numberRule({ min: -100, max: 100 })),
      logprobs: booleanRule,
      topLogprobs: numberRule({ integer: true, min: 0, max: 20 }),
      parallelToolCalls: booleanRule,
      verbosity: enumRule(['low', 'medium', 'high']),
      serviceTier: enumRule(['auto', 'default', 'fast', 'flex', 'priority', 'scale']),
      modalities: arrayRule(enumRule(['text', 'image', 'audio']), { minItems: 1, unique: true }),
      // Routing
      models: arrayRule(stringRule(), { minItems: 1 }),
      provider,
      reasoning,
      plugins: createPluginsRule(),
      webSearch: objectRule<WebSearchOptions>({
        searchContextSize: enumRule(['low', 'medium', 'high']),
        maxResults: numberRule({ integer: true, min: 1 }),
        engine: nonEmpty,
        userLocation: createUserLocationRule(),
      }),
      promptCaching: objectRule<PromptCachingOptions>(
        {
          key: nonEmpty,
          mode: enumRule(['explicit']),
          ttl: nonEmpty,
          cacheControl: objectRule<NonNullable<PromptCachingOptions['cacheControl']>>(
            { type: enumRule(['ephemeral']), ttl: enumRule(['5m', '1h']) },
            { required: ['type'] },
          ),
        },
        { hints: { cacheKey: 'key' } },
      ),
      transforms: arrayRule(stringRule(), { unique: true }),
      // Bookkeeping
      sessionId: stringRule({ maxLength: 256 }),
      user: nonEmpty,
      metadata: recordRule(stringRule({ nonEmpty: false, maxLength: 512 }), {
        maxEntries: 16,
        maxKeyLength: 64,
      }),
      trace: objectRule<TraceOptions>({
        traceId: nonEmpty,
        traceName: nonEmpty,
        spanName: nonEmpty,
        generationName: nonEmpty,
        parentSpanId: nonEmpty,
      }),
      includeRoutingMetadata: booleanRule,
      debug: objectRule<NonNullable<OpenRouterOptions['debug']>>({ echoUpstreamBody: booleanRule }),
      // Attribution (headers)
      appName: headerValue,
      appUrl: (value, path, issues) => {
        const text = headerValue(value, path, issues);
        return text === INVALID || /^https?:\/\/[^\s/]+/i.test(text)
          ? text
          : fail(issues, path, 'must be an absolute http(s) URL, e.g. "https://example.com"');
      },
      appCategories: arrayRule(
        stringRule({
          headerSafe: true,
          forbidden: { character: ',', reason: 'must not contain commas (categories are comma-joined)' },
        }),
        { unique: true },
      ),
    },
    {
      hints,
      refine: (clean, path, issues) => {
        if (clean.topLogprobs !== undefined && clean.logprobs !== true) {
          fail(issues, childPath(path, 'topLogprobs'), 'requires logprobs: true');
        }
      },
    },
  );
}

let optionsRule: Rule<OpenRouterOptions> | undefined;

export type ValidateOptionsContext = {
  /** Prefix of every issue path, e.g. `providerOptions.openrouter`. */
  path?: string;
};

/**
 * Checks the camelCase options and returns a clean copy (never the caller's object). Every problem
 * is collected and thrown as ONE `InvalidOptionsError` whose `issues` name each path, in camelCase,
 * prefixed with `context.path` (e.g. `providerOptions.openrouter`). `undefined` is treated as `{}`.
 */
export function validateOptions(input: unknown, context: ValidateOptionsContext = {}): OpenRouterOptions {
  if (input === undefined) return {};
  const issues: OptionIssue[] = [];
  optionsRule ??= createOptionsRule();
  const clean = optionsRule(input, context.path ?? '', issues);
  if (clean === INVALID || issues.length > 0) throw new InvalidOptionsError({ issues });
  return clean;
}
