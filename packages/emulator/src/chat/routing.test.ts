import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../catalogue/default-catalogue';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, getJson, postJson, postSse } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());
const url = (): string => `${emulator.baseURL}/chat/completions`;
const llama = (provider?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  model: MODEL_IDS.llama,
  messages: [{ role: 'user', content: 'route me' }],
  ...(provider ? { provider } : {}),
  ...extra,
});
const providerOf = async (body: unknown, headers: Record<string, string> = {}): Promise<string> => {
  const response = await postJson(url(), body, headers);
  expect(response.status, response.text).toBe(200);
  return response.body.provider;
};

describe('provider routing', () => {
  it('defaults to the first provider; sort, :floor and :nitro change it', async () => {
    expect(await providerOf(llama())).toBe('DeepInfra');
    expect(await providerOf(llama({ sort: 'throughput' }))).toBe('Groq');
    expect(await providerOf(llama({ sort: 'latency' }))).toBe('Groq');
    expect(await providerOf(llama({ sort: { by: 'price', partition: 'none' } }))).toBe('DeepInfra');
    expect(await providerOf({ ...llama(), model: `${MODEL_IDS.llama}:nitro` })).toBe('Groq');
    expect(await providerOf({ ...llama(), model: `${MODEL_IDS.llama}:floor` })).toBe('DeepInfra');
  });

  it('order (names or slugs, any case), only, ignore', async () => {
    expect(await providerOf(llama({ order: ['together', 'groq'] }))).toBe('Together');
    expect(await providerOf(llama({ order: ['Groq'] }))).toBe('Groq');
    expect(await providerOf(llama({ only: ['together'] }))).toBe('Together');
    expect(await providerOf(llama({ ignore: ['DeepInfra'] }))).toBe('Together');
    const none = await postJson(url(), llama({ only: ['OpenAI'] }));
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/^No allowed providers are available for the selected model/);
    expect(none.body.error.availability).toMatchObject({
      code: 'no_endpoints',
      retryable: false,
      requested_models: [MODEL_IDS.llama],
    });
  });

  it('allow_fallbacks: false with an order that does not serve the model → 404; with an outage → 503 instead of falling back', async () => {
    const unmatched = await postJson(url(), llama({ order: ['OpenAI'], allow_fallbacks: false }));
    expect(unmatched.status).toBe(404);
    const outage = await postJson(url(), llama({ order: ['together'], allow_fallbacks: false }), {
      'x-emulator-scenario': 'unavailable; provider=together',
    });
    expect(outage.status).toBe(503);
    expect(outage.body.error.metadata.provider_name).toBe('Together');
    const fallback = await postJson(url(), llama({ order: ['together'] }), {
      'x-emulator-scenario': 'unavailable; provider=together',
    });
    expect(fallback.body.provider).toBe('DeepInfra');
  });

  it('max_price, quantizations, zdr, data_collection and require_parameters filter providers or yield 404 with availability', async () => {
    expect(await providerOf(llama({ max_price: { prompt: 0.2 } }))).toBe('DeepInfra');
    expect(await providerOf(llama({ sort: 'throughput', max_price: { prompt: '0.7', completion: 1 } }))).toBe(
      'Groq',
    );
    const tooCheap = await postJson(url(), llama({ max_price: { prompt: 0.01 } }));
    expect(tooCheap.status).toBe(404);
    expect(tooCheap.body.error.availability).toMatchObject({
      code: 'constraint_filtered',
      excluded_by: ['max_price'],
    });
    expect(await providerOf(llama({ quantizations: ['fp16'] }))).toBe('Groq');
    expect((await postJson(url(), llama({ quantizations: ['int4'] }))).status).toBe(404);
    expect(await providerOf(llama({ zdr: true }))).toBe('Together');
    const freeDeny = await postJson(url(), {
      ...llama({ data_collection: 'deny' }),
      model: MODEL_IDS.llamaFree,
    });
    expect(freeDeny.status).toBe(404);
    expect(freeDeny.body.error.message).toMatch(/^No endpoints found matching your data policy/);
    expect(freeDeny.body.error.availability.code).toBe('privacy_restricted');
    expect(await providerOf(llama({ require_parameters: true }, { top_k: 5 }))).toBe('DeepInfra');
    expect(await providerOf(llama({ require_parameters: true, order: ['groq'] }, { top_k: 5 }))).toBe(
      'DeepInfra',
    );
    const unsupported = await postJson(url(), llama({ require_parameters: true }, { logprobs: true }));
    expect(unsupported.status).toBe(404);
    expect(unsupported.body.error.message).toMatch(
      /^No endpoints found that can handle the requested parameters/,
    );
  });

  it('preferred_min_throughput / preferred_max_latency reorder softly', async () => {
    expect(await providerOf(llama({ preferred_min_throughput: 100 }))).toBe('Groq');
    expect(await providerOf(llama({ preferred_max_latency: { p50: 0.3 } }))).toBe('Groq');
    expect(await providerOf(llama({ preferred_min_throughput: 10_000 }))).toBe('DeepInfra');
  });
});

describe('models fallback', () => {
  it('serves the first model that works and reports it in model, usage pricing and /generation', async () => {
    const response = await postJson(url(), {
      model: MODEL_IDS.always503,
      models: [MODEL_IDS.claudeSonnet],
      messages: [{ role: 'user', content: 'fallback please' }],
    });
    expect(response.status).toBe(200);
    expect(response.body.model).toBe(MODEL_IDS.claudeSonnet);
    expect(response.body.provider).toBe('Anthropic');
    const usage = response.body.usage;
    expect(usage.cost).toBeCloseTo(usage.prompt_tokens * 0.000003 + usage.completion_tokens * 0.000015, 12);
    const generation = await getJson(`${emulator.baseURL}/generation?id=${response.body.id}`);
    expect(generation.body.data).toMatchObject({
      model: MODEL_IDS.claudeSonnet,
      provider_name: 'Anthropic',
      streamed: false,
    });
    expect(
      generation.body.data.provider_responses.map((attempt: AnyJson) => [
        attempt.provider_name,
        attempt.status,
      ]),
    ).toEqual([
      ['FakeProvider', 503],
      ['Anthropic', 200],
    ]);
  });

  it('emulator/always-503 alone → 503 "Provider returned error"', async () => {
    const response = await postJson(url(), {
      model: MODEL_IDS.always503,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({
      code: 503,
      message: 'Provider returned error',
      metadata: { provider_name: 'FakeProvider' },
    });
  });

  it('a routing 404 on the first model moves on to the next', async () => {
    const response = await postJson(url(), {
      models: [MODEL_IDS.llamaFree, MODEL_IDS.gpt4oMini],
      messages: [{ role: 'user', content: 'x' }],
      provider: { data_collection: 'deny' },
    });
    expect(response.body.model).toBe(MODEL_IDS.gpt4oMini);
  });

  it('X-OpenRouter-Metadata: enabled adds openrouter_metadata with attempts (on the response or the final stream chunk)', async () => {
    const body = {
      model: MODEL_IDS.always503,
      models: [MODEL_IDS.gpt4oMini],
      messages: [{ role: 'user', content: 'x' }],
    };
    const response = await postJson(url(), body, { 'x-openrouter-metadata': 'enabled' });
    expect(response.body.openrouter_metadata).toMatchObject({
      requested: MODEL_IDS.always503,
      strategy: 'fallback',
      attempt: 2,
      is_byok: false,
      endpoints: {
        total: 2,
        available: [
          { provider: 'OpenAI', model: MODEL_IDS.gpt4oMini, selected: true },
          { provider: 'Azure', selected: false },
        ],
      },
      attempts: [
        { provider: 'FakeProvider', model: MODEL_IDS.always503, status: 503 },
        { provider: 'OpenAI', model: MODEL_IDS.gpt4oMini, status: 200 },
      ],
    });
    const streamed = await postSse(url(), body, { 'x-openrouter-metadata': 'enabled' });
    expect(streamed.chunks.at(-1)?.openrouter_metadata?.attempt).toBe(2);
    const without = await postJson(url(), body);
    expect(without.body.openrouter_metadata).toBeUndefined();
  });
});

describe('routers and aliases', () => {
  it('openrouter/auto picks a model from the request and reports it', async () => {
    const plain = await postJson(url(), {
      model: MODEL_IDS.auto,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(plain.body.model).toBe(MODEL_IDS.geminiFlash);
    const tools = await postJson(url(), {
      model: MODEL_IDS.auto,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'noop', parameters: { type: 'object' } } }],
    });
    expect(tools.body.model).toBe(MODEL_IDS.gpt4oMini);
    const reasoning = await postJson(url(), {
      model: MODEL_IDS.auto,
      messages: [{ role: 'user', content: 'hi' }],
      reasoning: { effort: 'low' },
    });
    expect(reasoning.body.model).toBe(MODEL_IDS.claudeSonnet);
    const restricted = await postJson(url(), {
      model: MODEL_IDS.auto,
      messages: [{ role: 'user', content: 'hi' }],
      plugins: [{ id: 'auto-router', allowed_models: ['anthropic/*'] }],
    });
    expect(restricted.body.model).toBe(MODEL_IDS.claudeSonnet);
    const generation = await getJson(`${emulator.baseURL}/generation?id=${plain.body.id}`);
    expect(generation.body.data.router).toBe(MODEL_IDS.auto);
  });

  it('~author/family-latest aliases resolve to their model', async () => {
    const response = await postJson(url(), {
      model: MODEL_IDS.claudeSonnetLatest,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.body.model).toBe(MODEL_IDS.claudeSonnet);
  });
});

describe('limits', () => {
  it(':free models: 20 requests per minute, then OpenRouter’s 429 with X-RateLimit headers (reset in epoch ms), cost 0', async () => {
    const body = { model: MODEL_IDS.llamaFree, messages: [{ role: 'user', content: 'free' }] };
    const first = await postJson(url(), body);
    expect(first.body.usage.cost).toBe(0);
    for (let index = 1; index < 20; index++) expect((await postJson(url(), body)).status).toBe(200);
    const limited = await postJson(url(), body);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe('Rate limit exceeded: free-models-per-min. ');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('20');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now());
    expect(reset).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.body.error.metadata.headers['X-RateLimit-Reset']).toBe(String(reset));
    const otherKey = await postJson(url(), body, { authorization: 'Bearer sk-or-v1-someone-else' });
    expect(otherKey.status).toBe(200);
    const withFallback = await postJson(url(), { ...body, models: [MODEL_IDS.llama] });
    expect(withFallback.body.model).toBe(MODEL_IDS.llama);
  });

  it(':free models: 50 requests per day', async () => {
    const body = { model: MODEL_IDS.llamaFree, messages: [{ role: 'user', content: 'free' }] };
    const daily = await startEmulator({
      catalogue: {
        models: defaultCatalogue.models.map((model) =>
          model.freeTier ? { ...model, freeTier: { requestsPerMinute: 1000, requestsPerDay: 50 } } : model,
        ),
      },
    });
    try {
      for (let index = 0; index < 50; index++)
        expect((await postJson(`${daily.baseURL}/chat/completions`, body)).status).toBe(200);
      const limited = await postJson(`${daily.baseURL}/chat/completions`, body);
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/^Rate limit exceeded: free-models-per-day/);
      expect(Number(limited.headers.get('x-ratelimit-reset')) % 86_400_000).toBe(0);
    } finally {
      await daily.close();
    }
  });
});
