import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, getJson, postJson } from '../test-utils/http';

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

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let index = 0; index < a.length; index++) dot += (a[index] as number) * (b[index] as number);
  return dot;
}

describe('POST /embeddings', () => {
  const url = (): string => `${emulator.baseURL}/embeddings`;

  it('returns deterministic, unit-length float vectors with usage and cost', async () => {
    const response = await postJson(url(), {
      model: MODEL_IDS.embeddingSmall,
      input: ['the cat sat on the mat', 'the cat sat on a mat', 'quarterly revenue grew'],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-generation-id')).toBe(response.body.id);
    expect(response.body).toMatchObject({
      object: 'list',
      model: MODEL_IDS.embeddingSmall,
      usage: { prompt_tokens: expect.any(Number) },
    });
    const vectors = response.body.data.map((item: AnyJson) => item.embedding as number[]);
    expect(response.body.data.map((item: AnyJson) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    expect(vectors[0]).toHaveLength(1536);
    expect(cosine(vectors[0], vectors[0])).toBeCloseTo(1, 5);
    expect(cosine(vectors[0], vectors[1])).toBeGreaterThan(cosine(vectors[0], vectors[2]) + 0.3);
    const usage = response.body.usage;
    expect(usage.total_tokens).toBe(usage.prompt_tokens);
    expect(usage.cost).toBeCloseTo(usage.prompt_tokens * 0.00000002, 14);
    const again = await postJson(url(), { model: MODEL_IDS.embeddingSmall, input: 'the cat sat on the mat' });
    expect(again.body.data[0].embedding).toEqual(vectors[0]);
  });

  it('dimensions shortens vectors; base64 encodes little-endian float32', async () => {
    const float = await postJson(url(), {
      model: MODEL_IDS.embeddingSmall,
      input: 'hello world',
      dimensions: 256,
    });
    expect(float.body.data[0].embedding).toHaveLength(256);
    const base64 = await postJson(url(), {
      model: MODEL_IDS.embeddingSmall,
      input: 'hello world',
      dimensions: 256,
      encoding_format: 'base64',
    });
    const bytes = Buffer.from(base64.body.data[0].embedding as string, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(decoded).toEqual(float.body.data[0].embedding);
  });

  it('accepts token arrays and multimodal inputs', async () => {
    const tokens = await postJson(url(), {
      model: MODEL_IDS.embeddingSmall,
      input: [
        [1, 2, 3],
        [4, 5],
      ],
    });
    expect(tokens.body.usage.prompt_tokens).toBe(5);
    const multimodal = await postJson(url(), {
      model: MODEL_IDS.embeddingSmall,
      input: [{ content: [{ type: 'text', text: 'a photo' }] }],
    });
    expect(multimodal.status).toBe(200);
  });

  it('rejects stream: true, bad dimensions, empty input, chat models and unknown models with 400s', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ model: MODEL_IDS.embeddingSmall, input: 'x', stream: true }, /do not support streaming/],
      [{ model: MODEL_IDS.embeddingSmall, input: 'x', dimensions: 5000 }, /dimensions/],
      [{ model: MODEL_IDS.embeddingSmall, input: '' }, /input/],
      [{ model: MODEL_IDS.embeddingSmall, input: [] }, /input/],
      [{ model: MODEL_IDS.embeddingSmall, input: 'x', encoding_format: 'hex' }, /encoding_format/],
      [{ model: MODEL_IDS.gpt4oMini, input: 'x' }, /is not an embedding model/],
      [{ model: 'acme/embed', input: 'x' }, /acme\/embed is not a valid model ID/],
      [{ input: 'x' }, /No model specified/],
    ];
    for (const [body, message] of cases) {
      const response = await postJson(url(), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('honours scenarios and records a generation', async () => {
    expect(
      (
        await postJson(
          url(),
          { model: MODEL_IDS.embeddingSmall, input: 'x' },
          { 'x-emulator-scenario': 'rate-limit; retry_after=1' },
        )
      ).status,
    ).toBe(429);
    expect(
      (
        await postJson(
          url(),
          { model: MODEL_IDS.embeddingSmall, input: 'x' },
          { 'x-emulator-scenario': 'http-error; code=502' },
        )
      ).status,
    ).toBe(502);
    // The same rule as chat: an http-error code outside 4xx/5xx is a 400 that names it.
    const invalidCode = await postJson(
      url(),
      { model: MODEL_IDS.embeddingSmall, input: 'x' },
      { 'x-emulator-scenario': 'http-error; code=200' },
    );
    expect(invalidCode.status).toBe(400);
    expect(invalidCode.body.error.message).toMatch(/http-error `code` must be a 4xx or 5xx status, got 200/);
    expect(
      (
        await postJson(
          url(),
          { model: MODEL_IDS.embeddingSmall, input: 'x' },
          { 'x-emulator-scenario': 'unavailable' },
        )
      ).status,
    ).toBe(503);
    const whitespace = await postJson(
      url(),
      { model: MODEL_IDS.embeddingSmall, input: 'x' },
      { 'x-emulator-scenario': 'leading-whitespace; count=2' },
    );
    expect(whitespace.text.startsWith('\n\n{')).toBe(true);
    const error200 = await postJson(
      url(),
      { model: MODEL_IDS.embeddingSmall, input: 'x' },
      { 'x-emulator-scenario': 'error-in-200-body' },
    );
    expect(error200.status).toBe(200);
    expect(error200.body.error.code).toBe(502);
    await expect(
      postJson(
        url(),
        { model: MODEL_IDS.embeddingSmall, input: 'x' },
        { 'x-emulator-scenario': 'disconnect' },
      ),
    ).rejects.toThrow();
    const ok = await postJson(url(), { model: MODEL_IDS.embeddingSmall, input: 'x' });
    const generation = await getJson(`${emulator.baseURL}/generation?id=${ok.body.id}`);
    expect(generation.body.data).toMatchObject({
      api_type: 'embeddings',
      model: MODEL_IDS.embeddingSmall,
      tokens_prompt: ok.body.usage.prompt_tokens,
    });
  });
});
