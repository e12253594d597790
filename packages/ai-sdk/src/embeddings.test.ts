import { InvalidArgumentError } from '@ai-sdk/provider';
import { embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEmulatorHarness } from './test-utils/emulator-harness';

describe('embeddings', () => {
  it('embed sends the value with routing options and returns vector, usage and metadata', async () => {
    const harness = createEmulatorHarness();
    const result = await embed({
      model: harness.provider.embeddingModel('openai/text-embedding-3-small', { user: 'user-1' }),
      value: 'sunny day at the beach',
      providerOptions: { openrouter: { provider: { order: ['openai'] } } },
    });
    expect(result.embedding.length).toBeGreaterThan(0);
    expect(result.embedding.every((value) => typeof value === 'number')).toBe(true);
    expect(result.usage.tokens).toBeGreaterThan(0);
    expect(result.providerMetadata?.openrouter).toMatchObject({
      model: 'openai/text-embedding-3-small',
      isByok: false,
    });
    const [request] = await harness.requests();
    expect(request?.path).toMatch(/\/embeddings$/);
    expect(request?.body).toEqual({
      model: 'openai/text-embedding-3-small',
      input: ['sunny day at the beach'],
      user: 'user-1',
      provider: { order: ['openai'] },
    });
  });

  it('embedMany keeps order; dimensions and base64 encoding are honoured', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider.textEmbeddingModel('openai/text-embedding-3-small');
    const values = ['alpha', 'beta', 'gamma'];
    const misplaced = await embedMany({
      model,
      values,
      providerOptions: { openrouter: { dimensions: 8 } },
    }).catch((error: unknown) => error);
    // `dimensions` is the AI SDK's own setting, not an OpenRouter option: a clear error, not a silent drop.
    expect(InvalidArgumentError.isInstance(misplaced)).toBe(true);
    expect((misplaced as Error).message).toContain('dimensions');
    const shortened = await embedMany({ model, values, dimensions: 8 });
    expect(shortened.embeddings.every((vector) => vector.length === 8)).toBe(true);
    const plain = await embedMany({ model, values });
    const base64 = await embedMany({
      model,
      values,
      providerOptions: { openrouter: { encodingFormat: 'base64' } },
    });
    expect(plain.embeddings).toHaveLength(3);
    expect(base64.embeddings).toHaveLength(3);
    for (const [index, vector] of base64.embeddings.entries()) {
      const expected = plain.embeddings[index] ?? [];
      expect(vector).toHaveLength(expected.length);
      for (const [position, value] of vector.entries())
        expect(value).toBeCloseTo(expected[position] ?? Number.NaN, 5);
    }
    const bodies = (await harness.requests()).map((request) => request.body as Record<string, unknown>);
    expect(bodies.at(-1)).toMatchObject({ input: values, encoding_format: 'base64' });
  });
});
