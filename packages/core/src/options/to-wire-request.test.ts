import { describe, expect, test } from 'vitest';
import { InvalidOptionsError } from '../errors/invalid-options-error';
import type { OpenRouterOptions } from './openrouter-options';
import { toWireRequest } from './to-wire-request';

describe('toWireRequest', () => {
  test('empty options give an empty body and no headers', () => {
    expect(toWireRequest({})).toEqual({ body: {}, headers: {} });
  });

  test('sampling options', () => {
    const options: OpenRouterOptions = {
      maxTokens: 256,
      temperature: 0.7,
      topP: 0.9,
      topK: 40,
      topA: 0.1,
      minP: 0.05,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      repetitionPenalty: 1.1,
      seed: 42,
      stop: ['END'],
      logitBias: { '50256': -100 },
      logprobs: true,
      topLogprobs: 5,
      parallelToolCalls: false,
      verbosity: 'high',
      serviceTier: 'priority',
      modalities: ['text', 'image'],
    };
    expect(toWireRequest(options)).toEqual({
      body: {
        max_tokens: 256,
        temperature: 0.7,
        top_p: 0.9,
        top_k: 40,
        top_a: 0.1,
        min_p: 0.05,
        frequency_penalty: 0.5,
        presence_penalty: -0.5,
        repetition_penalty: 1.1,
        seed: 42,
        stop: ['END'],
        logit_bias: { '50256': -100 },
        logprobs: true,
        top_logprobs: 5,
        parallel_tool_calls: false,
        verbosity: 'high',
        service_tier: 'priority',
        modalities: ['text', 'image'],
      },
      headers: {},
    });
  });

  test('provider preferences, incl. sort object, percentiles and maxPrice', () => {
    expect(
      toWireRequest({
        provider: {
          order: ['anthropic', 'openai'],
          allowFallbacks: false,
          requireParameters: true,
          dataCollection: 'deny',
          zdr: true,
          enforceDistillableText: true,
          only: ['anthropic', 'openai'],
          ignore: ['deepinfra'],
          quantizations: ['fp8'],
          sort: { by: 'throughput', partition: 'none' },
          preferredMinThroughput: { p50: 40, p90: 20 },
          preferredMaxLatency: 1.5,
          maxPrice: { prompt: 1, completion: '2', request: 0.01, image: 0, audio: '0.5' },
        },
      }),
    ).toEqual({
      body: {
        provider: {
          order: ['anthropic', 'openai'],
          allow_fallbacks: false,
          require_parameters: true,
          data_collection: 'deny',
          zdr: true,
          enforce_distillable_text: true,
          only: ['anthropic', 'openai'],
          ignore: ['deepinfra'],
          quantizations: ['fp8'],
          sort: { by: 'throughput', partition: 'none' },
          preferred_min_throughput: { p50: 40, p90: 20 },
          preferred_max_latency: 1.5,
          max_price: { prompt: 1, completion: '2', request: 0.01, image: 0, audio: '0.5' },
        },
      },
      headers: {},
    });
  });

  test('a string sort and percentiles for latency', () => {
    expect(toWireRequest({ provider: { sort: 'price', preferredMaxLatency: { p99: 5 } } }).body).toEqual({
      provider: { sort: 'price', preferred_max_latency: { p99: 5 } },
    });
  });

  test('models fallback list', () => {
    expect(toWireRequest({ models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'] }).body).toEqual({
      models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'],
    });
  });

  test('reasoning: effort, or max_tokens with exclude/enabled/summary', () => {
    expect(toWireRequest({ reasoning: { effort: 'high', summary: 'detailed' } }).body).toEqual({
      reasoning: { effort: 'high', summary: 'detailed' },
    });
    expect(toWireRequest({ reasoning: { maxTokens: 4000, exclude: true, enabled: true } }).body).toEqual({
      reasoning: { max_tokens: 4000, exclude: true, enabled: true },
    });
  });

  test('plugins: camelCase options become snake_case', () => {
    expect(
      toWireRequest({
        plugins: [
          {
            id: 'web',
            enabled: true,
            engine: 'exa',
            mode: 'deep',
            maxResults: 5,
            maxUses: 2,
            searchPrompt: 'Sources:',
            includeDomains: ['example.com'],
            excludeDomains: ['spam.example'],
            userLocation: { city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
          },
          {
            id: 'web-fetch',
            maxUses: 3,
            maxContentTokens: 1000,
            allowedDomains: ['a.example'],
            blockedDomains: ['b.example'],
          },
          { id: 'file-parser', enabled: true, pdf: { engine: 'pdf-text' } },
          { id: 'response-healing', enabled: true },
          { id: 'moderation' },
          { id: 'context-compression', enabled: true, engine: 'middle-out' },
          {
            id: 'auto-router',
            enabled: true,
            allowedModels: ['anthropic/*'],
            excludedModels: ['openai/gpt-4o'],
            costTier: 'medium',
            costQualityTradeoff: 7,
            pinModel: true,
          },
          { id: 'auto-beta-router', costTier: 'low', costQualityTradeoff: 0 },
          { id: 'pareto-router', maxPrice: 3, minCodingScore: 0.8, priceSource: 'prompt' },
          {
            id: 'fusion',
            enabled: true,
            analysisModels: ['~openai/gpt-latest'],
            maxToolCalls: 4,
            model: '~anthropic/claude-opus-latest',
            preset: 'general-fast',
            tools: [{ type: 'web_search', parameters: { max_results: 2, searchContextSize: 'low' } }],
          },
        ],
      }).body,
    ).toEqual({
      plugins: [
        {
          id: 'web',
          enabled: true,
          engine: 'exa',
          mode: 'deep',
          max_results: 5,
          max_uses: 2,
          search_prompt: 'Sources:',
          include_domains: ['example.com'],
          exclude_domains: ['spam.example'],
          user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
        },
        {
          id: 'web-fetch',
          max_uses: 3,
          max_content_tokens: 1000,
          allowed_domains: ['a.example'],
          blocked_domains: ['b.example'],
        },
        { id: 'file-parser', enabled: true, pdf: { engine: 'pdf-text' } },
        { id: 'response-healing', enabled: true },
        { id: 'moderation' },
        { id: 'context-compression', enabled: true, engine: 'middle-out' },
        {
          id: 'auto-router',
          enabled: true,
          allowed_models: ['anthropic/*'],
          excluded_models: ['openai/gpt-4o'],
          cost_tier: 'medium',
          cost_quality_tradeoff: 7,
          pin_model: true,
        },
        { id: 'auto-beta-router', cost_tier: 'low', cost_quality_tradeoff: 0 },
        { id: 'pareto-router', max_price: 3, min_coding_score: 0.8, price_source: 'prompt' },
        {
          id: 'fusion',
          enabled: true,
          analysis_models: ['~openai/gpt-latest'],
          max_tool_calls: 4,
          model: '~anthropic/claude-opus-latest',
          preset: 'general-fast',
          // A server tool's own parameters are passed as given.
          tools: [{ type: 'web_search', parameters: { max_results: 2, searchContextSize: 'low' } }],
        },
      ],
    });
  });

  test('webSearch becomes web_search_options', () => {
    expect(
      toWireRequest({
        webSearch: {
          searchContextSize: 'medium',
          maxResults: 4,
          engine: 'native',
          userLocation: { type: 'approximate', region: 'CA' },
        },
      }).body,
    ).toEqual({
      web_search_options: {
        search_context_size: 'medium',
        max_results: 4,
        engine: 'native',
        user_location: { type: 'approximate', region: 'CA' },
      },
    });
  });

  test('promptCaching becomes prompt_cache_key, prompt_cache_options and cache_control', () => {
    expect(
      toWireRequest({
        promptCaching: {
          key: 'thread-9',
          mode: 'explicit',
          ttl: '1h',
          cacheControl: { type: 'ephemeral', ttl: '1h' },
        },
      }).body,
    ).toEqual({
      prompt_cache_key: 'thread-9',
      prompt_cache_options: { mode: 'explicit', ttl: '1h' },
      cache_control: { type: 'ephemeral', ttl: '1h' },
    });
    // A ttl alone implies the only mode, explicit.
    expect(toWireRequest({ promptCaching: { ttl: '5m' } }).body).toEqual({
      prompt_cache_options: { mode: 'explicit', ttl: '5m' },
    });
    expect(toWireRequest({ promptCaching: { cacheControl: { type: 'ephemeral' } } }).body).toEqual({
      cache_control: { type: 'ephemeral' },
    });
  });

  test('transforms, session, user, metadata, trace and debug', () => {
    expect(
      toWireRequest({
        transforms: ['middle-out'],
        sessionId: 'session-1',
        user: 'user-1',
        metadata: { tenant_id: 'acme', 'Mixed-Case Key': 'kept verbatim' },
        trace: { traceId: 't', traceName: 'n', spanName: 's', generationName: 'g', parentSpanId: 'p' },
        debug: { echoUpstreamBody: true },
      }).body,
    ).toEqual({
      transforms: ['middle-out'],
      session_id: 'session-1',
      user: 'user-1',
      metadata: { tenant_id: 'acme', 'Mixed-Case Key': 'kept verbatim' },
      trace: { trace_id: 't', trace_name: 'n', span_name: 's', generation_name: 'g', parent_span_id: 'p' },
      debug: { echo_upstream_body: true },
    });
  });

  test('headers: routing metadata opt-in and attribution', () => {
    expect(
      toWireRequest({
        includeRoutingMetadata: true,
        appName: 'My App',
        appUrl: 'https://example.com',
        appCategories: ['chat', 'agents'],
      }),
    ).toEqual({
      body: {},
      headers: {
        'X-OpenRouter-Metadata': 'enabled',
        'HTTP-Referer': 'https://example.com',
        'X-OpenRouter-Title': 'My App',
        'X-OpenRouter-Categories': 'chat,agents',
      },
    });
    expect(toWireRequest({ includeRoutingMetadata: false, appCategories: [] })).toEqual({
      body: {},
      headers: {},
    });
  });

  test('never emits undefined keys or empty objects', () => {
    const { body } = toWireRequest({
      temperature: undefined,
      provider: { order: undefined, maxPrice: {} },
      reasoning: {},
      trace: {},
      webSearch: {},
      debug: {},
    });
    expect(body).toEqual({});
    expect(JSON.stringify(body)).toBe('{}');
  });

  test('validates first: bad options throw one InvalidOptionsError', () => {
    let caught: unknown;
    try {
      toWireRequest({ temperature: 5, provider: { allow_fallbacks: false } } as unknown as OpenRouterOptions);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues.map((issue) => issue.path)).toEqual([
      'temperature',
      'provider.allow_fallbacks',
    ]);
  });

  test('does not share arrays or objects with its input', () => {
    const options: OpenRouterOptions = { models: ['a/b'], provider: { order: ['x'] }, metadata: { k: 'v' } };
    const { body } = toWireRequest(options);
    body.models?.push('c/d');
    body.provider?.order?.push('y');
    expect(options).toEqual({ models: ['a/b'], provider: { order: ['x'] }, metadata: { k: 'v' } });
  });
});
