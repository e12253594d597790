import { describe, expect, it } from 'vitest';
import { normalizeLimits } from './limit-rules';
import { estimateTokens, hasBudgets, type ListedPricing, requestBounds } from './request-bounds';

const prices: Record<string, ListedPricing> = {
  cheap: { prompt: 0.000001, completion: 0.000002, request: 0, image: 0 },
  dear: { prompt: 0.000003, completion: 0.000015, request: 0.001, image: 0.0005 },
};

function bounds(
  body: Record<string, unknown>,
  options: { withUsd?: boolean; endpoint?: 'chat/completions' | 'embeddings' } = {},
) {
  return requestBounds({
    endpoint: options.endpoint ?? 'chat/completions',
    body,
    bodyBytes: 400,
    withUsd: options.withUsd ?? true,
    pricing: async (id) => prices[id],
  });
}

describe('requestBounds', () => {
  it('bounds tokens by the prompt estimate (4 bytes a token) plus max_tokens', async () => {
    expect(await bounds({ model: 'cheap', max_tokens: 100 })).toEqual({
      promptTokens: 100,
      maxOutputTokens: 100,
      tokens: 200,
      usd: 100 * 0.000001 + 100 * 0.000002,
      promptUsd: 100 * 0.000001,
      unbounded: { tokens: undefined, usd: undefined },
    });
    expect(estimateTokens(401)).toBe(101);
  });

  it('takes the larger of max_tokens, max_completion_tokens and reasoning.max_tokens', async () => {
    const result = await bounds({
      model: 'cheap',
      max_tokens: 50,
      max_completion_tokens: 80,
      reasoning: { max_tokens: 120 },
    });
    expect(result).toMatchObject({ maxOutputTokens: 120, tokens: 220 });
  });

  it('prices every fallback candidate at the most expensive one, with request and image fees', async () => {
    const result = await bounds({
      model: 'cheap',
      models: ['dear'],
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          ],
        },
      ],
    });
    expect(result.usd).toBeCloseTo(100 * 0.000003 + 0.001 + 0.0005 + 10 * 0.000015, 12);
    expect(result.promptUsd).toBeCloseTo(100 * 0.000003 + 0.001 + 0.0005, 12);
  });

  it('has no bound without max_tokens, and says so', async () => {
    expect(await bounds({ model: 'cheap' })).toMatchObject({
      tokens: undefined,
      usd: undefined,
      promptTokens: 100,
      promptUsd: 100 * 0.000001,
      unbounded: {
        tokens: 'sets no `max_tokens` (and the server sets no cap)',
        usd: 'sets no `max_tokens` (and the server sets no cap)',
      },
    });
  });

  it('has no USD bound when a candidate’s price is not listed or no model is named', async () => {
    expect(await bounds({ model: 'cheap', models: ['openrouter/auto'], max_tokens: 10 })).toMatchObject({
      tokens: 110,
      usd: undefined,
      unbounded: { tokens: undefined, usd: 'uses `openrouter/auto`, whose price is not listed' },
    });
    expect((await bounds({ max_tokens: 10 })).unbounded.usd).toBe('names no model, so its price is unknown');
    // Without a USD budget, prices are not looked up at all.
    const noPrices = await requestBounds({
      endpoint: 'chat/completions',
      body: { model: 'x', max_tokens: 10 },
      bodyBytes: 40,
      withUsd: false,
      pricing: () => Promise.reject(new Error('not called')),
    });
    expect(noPrices).toMatchObject({ tokens: 20, usd: undefined, unbounded: { usd: undefined } });
  });

  it('has no bound for web search, paid or routing plugins and server tools', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ model: 'cheap:online', max_tokens: 10 }, 'uses web search (`:online`)'],
      [{ model: 'cheap', max_tokens: 10, web_search_options: {} }, 'uses web search (`web_search_options`)'],
      [{ model: 'cheap', max_tokens: 10, plugins: [{ id: 'web' }] }, 'uses the `web` plugin'],
      [{ model: 'cheap', max_tokens: 10, plugins: [{ id: 'fusion' }] }, 'uses the `fusion` plugin'],
      [
        { model: 'cheap', max_tokens: 10, tools: [{ type: 'openrouter:web_search' }] },
        'uses the server tool `openrouter:web_search`',
      ],
    ];
    for (const [body, reason] of cases) {
      expect(await bounds(body)).toMatchObject({
        tokens: undefined,
        usd: undefined,
        unbounded: { tokens: reason },
      });
    }
    // Plugins that cost nothing and function tools keep the bound.
    expect(
      (
        await bounds({
          model: 'cheap',
          max_tokens: 10,
          plugins: [{ id: 'response-healing' }],
          tools: [{ type: 'function', function: { name: 'f' } }],
        })
      ).tokens,
    ).toBe(110);
  });

  it('bounds embeddings by their input alone', async () => {
    expect(await bounds({ model: 'cheap', input: 'text' }, { endpoint: 'embeddings' })).toMatchObject({
      maxOutputTokens: 0,
      tokens: 100,
      usd: 100 * 0.000001,
    });
  });
});

describe('hasBudgets', () => {
  it('is true only with a token or USD limit', () => {
    expect(hasBudgets(normalizeLimits({ requestsPerMinute: 5, concurrentStreams: 1 }))).toBe(false);
    expect(hasBudgets(normalizeLimits({ tokensPerDay: 5 }))).toBe(true);
    expect(hasBudgets(normalizeLimits({ usdPerMonth: 5 }))).toBe(true);
  });
});
