import { InvalidOptionsError } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { OpenRouterEmbeddings } from './openrouter-embeddings';
import { TEST_API_KEY, useEmulator } from './test-utils/emulator-fixture';

describe('OpenRouterEmbeddings (against the emulator)', () => {
  const fixture = useEmulator();
  const embeddings = (
    fields: ConstructorParameters<typeof OpenRouterEmbeddings>[0] = {},
  ): OpenRouterEmbeddings =>
    new OpenRouterEmbeddings({ baseURL: fixture.emulator.baseURL, apiKey: TEST_API_KEY, ...fields });
  const embeddingRequests = () =>
    fixture.emulator.requests.filter((request) => request.path.endsWith('/embeddings'));

  it('embeds documents in order and a query, deterministically', async () => {
    const model = embeddings();
    const vectors = await model.embedDocuments(['alpha', 'beta', 'gamma']);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector.length).toBeGreaterThan(0);
      expect(vector.every((value) => typeof value === 'number')).toBe(true);
    }
    const query = await model.embedQuery('beta');
    expect(query).toEqual(vectors[1]);
    expect(embeddingRequests()[0]?.body).toMatchObject({
      model: 'openai/text-embedding-3-small',
      input: ['alpha', 'beta', 'gamma'],
      encoding_format: 'float',
    });
  });

  it('honours dimensions', async () => {
    const vectors = await embeddings({ dimensions: 64 }).embedDocuments(['alpha']);
    expect(vectors[0]).toHaveLength(64);
    expect(embeddingRequests()[0]?.body).toMatchObject({ dimensions: 64 });
  });

  it('batches large inputs and keeps their order', async () => {
    const texts = Array.from({ length: 7 }, (_, index) => `text ${index}`);
    const batched = await embeddings({ batchSize: 3 }).embedDocuments(texts);
    const single = await embeddings().embedDocuments(texts);
    const sizes = embeddingRequests().map((request) => (request.body as { input: string[] }).input.length);
    expect(sizes.slice(0, 3).sort()).toEqual([1, 3, 3]);
    expect(sizes[3]).toBe(7);
    expect(batched).toEqual(single);
  });

  it('sends provider preferences in wire form', async () => {
    await embeddings({ provider: { order: ['openai'], allowFallbacks: false } }).embedQuery('alpha');
    expect(embeddingRequests()[0]?.body).toMatchObject({
      provider: { order: ['openai'], allow_fallbacks: false },
    });
  });

  it('rejects invalid fields at construction', () => {
    expect(() => new OpenRouterEmbeddings({ dimensions: -1, batchSize: 0 })).toThrowError(
      InvalidOptionsError,
    );
  });
});
