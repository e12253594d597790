import { describe, expect, test } from 'vitest';
import { InvalidOptionsError, type OptionIssue } from '../errors/invalid-options-error';
import type { OpenRouterOptions } from './openrouter-options';
import { validateOptions } from './validate-options';

function issuesOf(input: unknown, context?: { path?: string }): readonly OptionIssue[] {
  try {
    validateOptions(input, context);
  } catch (error) {
    if (InvalidOptionsError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected validateOptions to throw');
}

/** [title, input, expected issues (path + a fragment of the message)] */
const invalidCases: Array<[string, unknown, Array<[string, string]>]> = [
  ['options that are not an object', 'fast', [['', 'must be an object (got "fast")']]],
  ['an array as options', [], [['', 'must be an object (got an array)']]],
  // Unknown keys, with suggestions
  ['a snake_case top-level key', { max_tokens: 5 }, [['max_tokens', 'did you mean "maxTokens"?']]],
  ['a near-miss top-level key', { temprature: 1 }, [['temprature', 'did you mean "temperature"?']]],
  [
    'a provider key at the top level',
    { allow_fallbacks: false },
    [['allow_fallbacks', 'did you mean "provider.allowFallbacks"?']],
  ],
  [
    'a snake_case provider key',
    { provider: { allow_fallbacks: false } },
    [['provider.allow_fallbacks', 'did you mean "allowFallbacks"?']],
  ],
  [
    'a near-miss provider key',
    { provider: { oder: ['openai'] } },
    [['provider.oder', 'did you mean "order"?']],
  ],
  [
    'an unknown provider key without a near miss',
    { provider: { favouriteColour: 'blue' } },
    [['provider.favouriteColour', 'unknown option (expected one of: order, allowFallbacks']],
  ],
  ['effort at the top level', { effort: 'high' }, [['effort', 'did you mean "reasoning.effort"?']]],
  ['model is not an option', { model: 'openai/gpt-4o' }, [['model', 'pass the model id to the adapter']]],
  [
    'web_search_options spelled the wire way',
    { web_search_options: {} },
    [['web_search_options', 'did you mean "webSearch"?']],
  ],
  [
    '__proto__ key',
    JSON.parse('{"__proto__": {"polluted": true}}'),
    [['__proto__', 'is not allowed as an option key']],
  ],
  ['constructor key', { constructor: 1 }, [['constructor', 'is not allowed as an option key']]],
  // Regression: names of Object.prototype members were looked up as hints and crashed the validator.
  ['a toString key', { toString: 1 }, [['toString', 'unknown option']]],
  ['a valueOf provider key', { provider: { valueOf: 1 } }, [['provider.valueOf', 'unknown option']]],
  [
    '__proto__ in metadata',
    { metadata: JSON.parse('{"__proto__": "x"}') },
    [['metadata.__proto__', 'is not allowed as a key']],
  ],
  [
    '__proto__ in provider',
    { provider: JSON.parse('{"__proto__": {}}') },
    [['provider.__proto__', 'is not allowed']],
  ],
  // Reasoning
  [
    'effort not in the enum',
    { reasoning: { effort: 'extreme' } },
    [['reasoning.effort', 'must be one of "max", "xhigh"']],
  ],
  [
    'effort and maxTokens together',
    { reasoning: { effort: 'high', maxTokens: 2000 } },
    [['reasoning', 'set either effort or maxTokens, not both']],
  ],
  [
    'reasoning disabled but effort set',
    { reasoning: { enabled: false, effort: 'low' } },
    [['reasoning', 'enabled is false']],
  ],
  [
    'negative reasoning budget',
    { reasoning: { maxTokens: -1 } },
    [['reasoning.maxTokens', 'non-negative integer (got -1)']],
  ],
  [
    'reasoning summary not in the enum',
    { reasoning: { summary: 'long' } },
    [['reasoning.summary', 'must be one of "auto", "concise", "detailed"']],
  ],
  // Provider
  [
    'only and ignore naming the same provider',
    { provider: { only: ['openai', 'anthropic'], ignore: ['Anthropic'] } },
    [['provider.ignore[0]', '"Anthropic" is also listed in provider.only']],
  ],
  [
    'order and ignore naming the same provider',
    { provider: { order: ['openai'], ignore: ['openai'] } },
    [['provider.ignore[0]', 'also listed in provider.order']],
  ],
  [
    'a negative maxPrice',
    { provider: { maxPrice: { prompt: -1 } } },
    [['provider.maxPrice.prompt', 'non-negative price in USD']],
  ],
  [
    'a non-numeric maxPrice',
    { provider: { maxPrice: { completion: 'cheap' } } },
    [['provider.maxPrice.completion', 'non-negative price']],
  ],
  [
    'a NaN maxPrice',
    { provider: { maxPrice: { request: Number.NaN } } },
    [['provider.maxPrice.request', 'non-negative price']],
  ],
  [
    'an unknown maxPrice key',
    { provider: { maxPrice: { prompts: 1 } } },
    [['provider.maxPrice.prompts', 'did you mean "prompt"?']],
  ],
  [
    'a sort value not in the enum',
    { provider: { sort: 'cheapest' } },
    [['provider.sort', 'must be one of "price", "throughput", "latency", "exacto"']],
  ],
  [
    'a sort object without by',
    { provider: { sort: { partition: 'none' } } },
    [['provider.sort.by', 'is required']],
  ],
  [
    'a sort object with a bad partition',
    { provider: { sort: { by: 'price', partition: 'all' } } },
    [['provider.sort.partition', 'must be one of "model", "none"']],
  ],
  ['a sort of the wrong type', { provider: { sort: 3 } }, [['provider.sort', 'must be one of "price"']]],
  [
    'a dataCollection value',
    { provider: { dataCollection: 'never' } },
    [['provider.dataCollection', 'must be one of "allow", "deny"']],
  ],
  [
    'allowFallbacks as a string',
    { provider: { allowFallbacks: 'false' } },
    [['provider.allowFallbacks', 'must be true or false (got "false")']],
  ],
  ['order as a string', { provider: { order: 'openai' } }, [['provider.order', 'must be an array']]],
  ['an empty provider slug', { provider: { only: [''] } }, [['provider.only[0]', 'must not be empty']]],
  [
    'a duplicated provider slug',
    { provider: { order: ['openai', 'openai'] } },
    [['provider.order[1]', 'is listed twice']],
  ],
  [
    'a negative latency',
    { provider: { preferredMaxLatency: -2 } },
    [['provider.preferredMaxLatency', 'not negative']],
  ],
  [
    'empty percentiles',
    { provider: { preferredMinThroughput: {} } },
    [['provider.preferredMinThroughput', 'at least one of p50']],
  ],
  [
    'a bad percentile',
    { provider: { preferredMinThroughput: { p90: 'fast' } } },
    [['provider.preferredMinThroughput.p90', 'must be a number']],
  ],
  [
    'a latency of the wrong type',
    { provider: { preferredMaxLatency: 'low' } },
    [['provider.preferredMaxLatency', 'a non-negative number or an object']],
  ],
  // Models
  ['an empty model id in models', { models: ['openai/gpt-4o', ' '] }, [['models[1]', 'must not be empty']]],
  ['models as a string', { models: 'openai/gpt-4o' }, [['models', 'must be an array']]],
  ['an empty models list', { models: [] }, [['models', 'at least 1 item']]],
  // Sampling ranges
  ['temperature above 2', { temperature: 2.5 }, [['temperature', 'between 0 and 2 (got 2.5)']]],
  [
    'temperature as a string',
    { temperature: '0.7' },
    [['temperature', 'must be a number between 0 and 2 (got "0.7")']],
  ],
  ['temperature Infinity', { temperature: Number.POSITIVE_INFINITY }, [['temperature', 'between 0 and 2']]],
  ['topP above 1', { topP: 1.5 }, [['topP', 'between 0 and 1']]],
  ['frequencyPenalty below -2', { frequencyPenalty: -3 }, [['frequencyPenalty', 'between -2 and 2']]],
  ['presencePenalty above 2', { presencePenalty: 2.1 }, [['presencePenalty', 'between -2 and 2']]],
  [
    'repetitionPenalty of 0',
    { repetitionPenalty: 0 },
    [['repetitionPenalty', 'greater than 0 and at most 2']],
  ],
  ['topLogprobs above 20', { logprobs: true, topLogprobs: 21 }, [['topLogprobs', 'between 0 and 20']]],
  ['topLogprobs without logprobs', { topLogprobs: 3 }, [['topLogprobs', 'requires logprobs: true']]],
  ['five stop sequences', { stop: ['a', 'b', 'c', 'd', 'e'] }, [['stop', 'at most 4 items (got 5)']]],
  ['stop of the wrong type', { stop: 7 }, [['stop', 'a string or an array of at most 4 strings']]],
  ['a fractional maxTokens', { maxTokens: 10.5 }, [['maxTokens', 'non-negative integer (got 10.5)']]],
  ['a negative maxTokens', { maxTokens: -10 }, [['maxTokens', 'non-negative integer']]],
  ['a negative topK', { topK: -1 }, [['topK', 'non-negative integer']]],
  ['a fractional seed', { seed: 1.5 }, [['seed', 'must be an integer (got 1.5)']]],
  [
    'a logitBias out of range',
    { logitBias: { '50256': -101 } },
    [['logitBias.50256', 'between -100 and 100']],
  ],
  ['a verbosity value', { verbosity: 'loud' }, [['verbosity', 'must be one of "low", "medium", "high"']]],
  [
    'an unknown modality',
    { modalities: ['smell'] },
    [['modalities[0]', 'must be one of "text", "image", "audio"']],
  ],
  // Plugins
  ['an unknown plugin id', { plugins: [{ id: 'webb' }] }, [['plugins[0].id', 'did you mean "web"?']]],
  ['a plugin without id', { plugins: [{ maxResults: 3 }] }, [['plugins[0].id', 'must be a plugin id']]],
  ['a plugin that is not an object', { plugins: ['web'] }, [['plugins[0]', 'must be a plugin object']]],
  [
    'a snake_case plugin option',
    { plugins: [{ id: 'web', max_results: 3 }] },
    [['plugins[0].max_results', 'did you mean "maxResults"?']],
  ],
  [
    'a zero maxResults',
    { plugins: [{ id: 'web', maxResults: 0 }] },
    [['plugins[0].maxResults', 'at least 1']],
  ],
  [
    'a plugin listed twice',
    { plugins: [{ id: 'web' }, { id: 'web' }] },
    [['plugins[1].id', 'plugin "web" is listed twice']],
  ],
  [
    'an auto-router cost tier',
    { plugins: [{ id: 'auto-router', costTier: 'free' }] },
    [['plugins[0].costTier', 'must be one of "low"']],
  ],
  [
    'a pareto score above 1',
    { plugins: [{ id: 'pareto-router', minCodingScore: 2 }] },
    [['plugins[0].minCodingScore', 'between 0 and 1']],
  ],
  [
    'an option of another plugin',
    { plugins: [{ id: 'moderation', enabled: true }] },
    [['plugins[0].enabled', 'unknown option']],
  ],
  // Metadata and bookkeeping
  [
    'more than 16 metadata pairs',
    { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`k${index}`, 'v'])) },
    [['metadata', 'at most 16 entries (got 17)']],
  ],
  [
    'a 65-character metadata key',
    { metadata: { ['k'.repeat(65)]: 'v' } },
    [[`metadata.${'k'.repeat(65)}`, 'at most 64 characters']],
  ],
  [
    'a 513-character metadata value',
    { metadata: { key: 'v'.repeat(513) } },
    [['metadata.key', 'at most 512 characters (got 513)']],
  ],
  ['a numeric metadata value', { metadata: { count: 3 } }, [['metadata.count', 'must be a string (got 3)']]],
  ['a 257-character sessionId', { sessionId: 's'.repeat(257) }, [['sessionId', 'at most 256 characters']]],
  ['an empty user', { user: '' }, [['user', 'must not be empty']]],
  ['a numeric user', { user: 42 }, [['user', 'must be a string (got 42)']]],
  [
    'a trace key in snake_case',
    { trace: { trace_id: 'abc' } },
    [['trace.trace_id', 'did you mean "traceId"?']],
  ],
  [
    'includeRoutingMetadata as a string',
    { includeRoutingMetadata: 'yes' },
    [['includeRoutingMetadata', 'must be true or false']],
  ],
  ['transforms as a string', { transforms: 'middle-out' }, [['transforms', 'must be an array']]],
  [
    'a cacheControl type',
    { promptCaching: { cacheControl: { type: 'persistent' } } },
    [['promptCaching.cacheControl.type', 'must be one of "ephemeral"']],
  ],
  [
    'a cacheControl ttl',
    { promptCaching: { cacheControl: { type: 'ephemeral', ttl: '2h' } } },
    [['promptCaching.cacheControl.ttl', 'must be one of "5m", "1h"']],
  ],
  [
    'a webSearch context size',
    { webSearch: { searchContextSize: 'huge' } },
    [['webSearch.searchContextSize', 'must be one of "low"']],
  ],
  // Attribution headers
  ['an appName with a line break', { appName: 'My App\r\nX-Evil: 1' }, [['appName', 'printable ISO-8859-1']]],
  ['an appName outside Latin-1', { appName: 'アプリ' }, [['appName', 'printable ISO-8859-1']]],
  ['an appUrl that is not a URL', { appUrl: 'my app' }, [['appUrl', 'absolute http(s) URL']]],
  [
    'an appCategory with a comma',
    { appCategories: ['chat,agents'] },
    [['appCategories[0]', 'must not contain commas']],
  ],
];

describe('validateOptions rejects', () => {
  test.each(invalidCases)('%s', (_title, input, expected) => {
    const issues = issuesOf(input);
    expect(issues.map((issue) => issue.path)).toEqual(expected.map(([path]) => path));
    for (const [index, [, fragment]] of expected.entries()) {
      expect(issues[index]?.message).toContain(fragment);
    }
  });
});

describe('validateOptions', () => {
  test('lists every problem in one error', () => {
    const input = {
      temperature: 9,
      allow_fallbacks: true,
      provider: { only: ['openai'], ignore: ['openai'], maxPrice: { prompt: -1 } },
      reasoning: { effort: 'high', maxTokens: 100 },
      models: [''],
    };
    let caught: unknown;
    try {
      validateOptions(input);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    const error = caught as InvalidOptionsError;
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'temperature',
      'allow_fallbacks',
      'provider.maxPrice.prompt',
      'provider.ignore[0]',
      'reasoning',
      'models[0]',
    ]);
    expect(error.message).toContain('Invalid OpenRouter options:');
    expect(error.message).toContain('- provider.ignore[0]: "openai" is also listed in provider.only');
    expect(error.status).toBeUndefined();
    expect(error.isRetryable).toBe(false);
  });

  test('prefixes paths with the context path', () => {
    expect(issuesOf({ provider: { sort: 'x' } }, { path: 'providerOptions.openrouter' })[0]?.path).toBe(
      'providerOptions.openrouter.provider.sort',
    );
    expect(issuesOf('x', { path: 'providerOptions.openrouter' })[0]?.path).toBe('providerOptions.openrouter');
  });

  test('accepts undefined as no options', () => {
    expect(validateOptions(undefined)).toEqual({});
  });

  test('accepts and copies a full set of options', () => {
    const input: OpenRouterOptions = {
      maxTokens: 0,
      temperature: 2,
      topP: 0,
      topK: 40,
      topA: 0.5,
      minP: 0.1,
      frequencyPenalty: -2,
      presencePenalty: 2,
      repetitionPenalty: 1.1,
      seed: -7,
      stop: ['\n', 'END', '', 'x'],
      logitBias: { '50256': -100 },
      logprobs: true,
      topLogprobs: 20,
      parallelToolCalls: false,
      verbosity: 'low',
      serviceTier: 'flex',
      modalities: ['text', 'image'],
      models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o:nitro'],
      provider: {
        order: ['anthropic', 'openai'],
        allowFallbacks: false,
        requireParameters: true,
        dataCollection: 'deny',
        zdr: true,
        enforceDistillableText: false,
        only: ['anthropic', 'openai'],
        ignore: ['deepinfra'],
        quantizations: ['fp8', 'bf16'],
        sort: { by: 'throughput', partition: 'none' },
        preferredMinThroughput: { p90: 50 },
        preferredMaxLatency: 2,
        maxPrice: { prompt: 1, completion: '2.5', request: 0, image: '0.01', audio: 3 },
      },
      reasoning: { maxTokens: 2048, exclude: false, enabled: true, summary: 'concise' },
      plugins: [
        {
          id: 'web',
          engine: 'exa',
          maxResults: 5,
          searchPrompt: 'Sources:',
          includeDomains: ['example.com'],
          userLocation: { city: 'Paris', country: 'FR' },
        },
        { id: 'file-parser', pdf: { engine: 'mistral-ocr' } },
        { id: 'response-healing' },
        { id: 'moderation' },
        { id: 'context-compression', engine: 'middle-out' },
        { id: 'web-fetch', maxUses: 2, allowedDomains: ['docs.example.com'] },
        {
          id: 'auto-router',
          allowedModels: ['openai/*'],
          costTier: 'low',
          costQualityTradeoff: 3,
          pinModel: true,
        },
        { id: 'pareto-router', maxPrice: 4, minCodingScore: 0.5, priceSource: 'weighted_avg' },
        {
          id: 'fusion',
          analysisModels: ['~openai/gpt-latest'],
          maxToolCalls: 4,
          tools: [{ type: 'web_search', parameters: { max_results: 2 } }],
        },
      ],
      webSearch: { searchContextSize: 'high', maxResults: 3 },
      promptCaching: {
        key: 'conversation-1',
        mode: 'explicit',
        ttl: '1h',
        cacheControl: { type: 'ephemeral', ttl: '5m' },
      },
      transforms: ['middle-out'],
      sessionId: 's'.repeat(256),
      user: 'user-123',
      metadata: { ['k'.repeat(64)]: 'v'.repeat(512), empty: '' },
      trace: { traceId: 't-1', spanName: 'chat' },
      includeRoutingMetadata: true,
      debug: { echoUpstreamBody: true },
      appName: 'Café Demo',
      appUrl: 'https://example.com/app',
      appCategories: ['chat', 'agents'],
    };
    const clean = validateOptions(input);
    expect(clean).toEqual(input);
    expect(clean).not.toBe(input);
    expect(clean.provider).not.toBe(input.provider);
    expect(clean.provider?.maxPrice).not.toBe(input.provider?.maxPrice);
    expect(clean.models).not.toBe(input.models);
    expect(clean.plugins?.[0]).not.toBe(input.plugins?.[0]);
    expect(clean.metadata).not.toBe(input.metadata);
  });

  test('drops keys whose value is undefined and trims numeric price strings', () => {
    expect(validateOptions({ temperature: undefined, provider: { maxPrice: { prompt: ' 1.5 ' } } })).toEqual({
      provider: { maxPrice: { prompt: '1.5' } },
    });
  });

  test('accepts a string sort, a numeric throughput and a single stop string', () => {
    expect(validateOptions({ provider: { sort: 'price', preferredMinThroughput: 10 }, stop: 'END' })).toEqual(
      {
        provider: { sort: 'price', preferredMinThroughput: 10 },
        stop: 'END',
      },
    );
  });

  test('never returns or mutates the caller object', () => {
    const input = { provider: { order: ['openai'] }, metadata: { a: 'b' } };
    const snapshot = JSON.stringify(input);
    const clean = validateOptions(input);
    clean.provider?.order?.push('anthropic');
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  test('rejects objects that are not plain (class instances, maps)', () => {
    expect(issuesOf({ provider: new Map() })[0]).toEqual({
      path: 'provider',
      message: 'must be an object (got an object)',
    });
  });

  test('does not echo long strings in messages', () => {
    const message = issuesOf({ verbosity: 'x'.repeat(500) })[0]?.message ?? '';
    expect(message).toContain('a 500-character string');
    expect(message).not.toContain('x'.repeat(50));
  });
});
