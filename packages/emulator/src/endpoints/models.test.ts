import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, getJson } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    apiKeys: [{ key: 'sk-or-v1-tiny', limit: 0.0001 }, { key: 'sk-or-v1-unlimited' }],
    managementKeys: ['sk-or-v1-mgmt'],
  });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());
const _bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const _chat = (content = 'hello') => ({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content }] });

describe('GET /models', () => {
  it('lists text models by default (not embeddings, not hidden fault models), in OpenRouter’s shape', async () => {
    const response = await getJson(`${emulator.baseURL}/models`);
    expect(response.status).toBe(200);
    const ids = response.body.data.map((model: AnyJson) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        MODEL_IDS.gpt4oMini,
        MODEL_IDS.claudeSonnet,
        MODEL_IDS.geminiFlash,
        MODEL_IDS.llamaFree,
        MODEL_IDS.auto,
      ]),
    );
    expect(ids).not.toContain(MODEL_IDS.embeddingSmall);
    expect(ids.some((id: string) => id.startsWith('emulator/'))).toBe(false);
    expect(response.body.total_count).toBe(ids.length);
    expect(response.body.links).toEqual({ next: null });
    const mini = response.body.data.find((model: AnyJson) => model.id === MODEL_IDS.gpt4oMini);
    expect(mini).toMatchObject({
      canonical_slug: 'openai/gpt-4o-mini',
      context_length: 128000,
      pricing: { prompt: '0.00000015', completion: '0.0000006', input_cache_read: '0.000000075' },
      architecture: {
        modality: 'text+image+file->text',
        input_modalities: ['text', 'image', 'file'],
        output_modalities: ['text'],
        tokenizer: 'GPT',
      },
      top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: true },
      supported_parameters: expect.arrayContaining(['tools', 'response_format', 'structured_outputs']),
    });
    const free = response.body.data.find((model: AnyJson) => model.id === MODEL_IDS.llamaFree);
    expect(free.pricing).toMatchObject({ prompt: '0', completion: '0' });
    const auto = response.body.data.find((model: AnyJson) => model.id === MODEL_IDS.auto);
    expect(auto.pricing).toEqual({ prompt: '-1', completion: '-1' });
  });

  it('filters by supported_parameters, output_modalities, category, q and authors', async () => {
    const ids = async (query: string): Promise<string[]> =>
      (await getJson(`${emulator.baseURL}/models?${query}`)).body.data.map((model: AnyJson) => model.id);
    expect(await ids('supported_parameters=reasoning')).toEqual([
      MODEL_IDS.gpt5Mini,
      MODEL_IDS.claudeSonnet,
      MODEL_IDS.geminiFlash,
      MODEL_IDS.auto,
    ]);
    expect(await ids('supported_parameters=tools,logprobs')).toEqual([MODEL_IDS.gpt4oMini, MODEL_IDS.auto]);
    expect(await ids('output_modalities=embeddings')).toEqual([MODEL_IDS.embeddingSmall]);
    expect((await ids('output_modalities=all')).length).toBe(9);
    expect(await ids('output_modalities=image')).toEqual([MODEL_IDS.geminiFlashImage, MODEL_IDS.auto]);
    expect(await ids('category=roleplay')).toEqual([MODEL_IDS.llama, MODEL_IDS.llamaFree]);
    expect(await ids('q=gemini')).toEqual([MODEL_IDS.geminiFlash, MODEL_IDS.geminiFlashImage]);
    expect(await ids('model_authors=anthropic,google')).toEqual([
      MODEL_IDS.claudeSonnet,
      MODEL_IDS.geminiFlash,
      MODEL_IDS.geminiFlashImage,
    ]);
    expect(await ids('providers=groq')).toEqual([MODEL_IDS.llama]);
    expect((await ids('sort=pricing-low-to-high'))[0]).toBe(MODEL_IDS.llamaFree);
    expect((await ids('sort=pricing-low-to-high')).at(-1)).toBe(MODEL_IDS.auto);
    expect(await ids('embeddings=1&q=nothing-matches')).toEqual([]);
    const embeddingModels = await getJson(`${emulator.baseURL}/embeddings/models`);
    expect(embeddingModels.body.data.map((model: AnyJson) => model.id)).toEqual([MODEL_IDS.embeddingSmall]);
  });

  it('paginates with offset and limit (links.next, total_count) and validates them', async () => {
    const page = await getJson(`${emulator.baseURL}/models?limit=2`);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.total_count).toBe(8);
    expect(page.body.links.next).toBe('/api/v1/models?limit=2&offset=2');
    const next = await getJson(`${emulator.url}${page.body.links.next}`);
    expect(next.body.data[0].id).not.toBe(page.body.data[0].id);
    const last = await getJson(`${emulator.baseURL}/models?offset=7&limit=2`);
    expect(last.body.data).toHaveLength(1);
    expect(last.body.links.next).toBeNull();
    expect((await getJson(`${emulator.baseURL}/models?limit=0`)).status).toBe(400);
    expect((await getJson(`${emulator.baseURL}/models?offset=-1`)).status).toBe(400);
  });
});

describe('GET /models/{author}/{slug}/endpoints', () => {
  it('lists the simulated providers with stats', async () => {
    const response = await getJson(`${emulator.baseURL}/models/meta-llama/llama-3.3-70b-instruct/endpoints`);
    expect(response.status).toBe(200);
    const endpoints = response.body.data.endpoints;
    expect(endpoints.map((endpoint: AnyJson) => endpoint.provider_name)).toEqual([
      'DeepInfra',
      'Together',
      'Groq',
    ]);
    expect(endpoints[2]).toMatchObject({
      name: 'Groq | meta-llama/llama-3.3-70b-instruct',
      model_id: MODEL_IDS.llama,
      tag: 'groq/fp16',
      quantization: 'fp16',
      status: 0,
      pricing: { prompt: '0.00000059', completion: '0.00000079' },
      latency_last_30m: { p50: 0.21 },
      throughput_last_30m: { p50: 276 },
    });
    const free = await getJson(`${emulator.baseURL}/models/meta-llama/llama-3.3-70b-instruct:free/endpoints`);
    expect(free.body.data.endpoints[0].provider_name).toBe('Chutes');
    const missing = await getJson(`${emulator.baseURL}/models/acme/nothing/endpoints`);
    expect(missing.status).toBe(404);
  });
});
