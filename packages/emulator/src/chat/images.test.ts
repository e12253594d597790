import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { collectStream, postJson, postSse } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const url = (): string => `${emulator.baseURL}/chat/completions`;
const draw = (extra: Record<string, unknown> = {}) => ({
  model: MODEL_IDS.geminiFlashImage,
  messages: [{ role: 'user', content: 'Draw a lighthouse at dusk' }],
  modalities: ['image', 'text'],
  ...extra,
});

function decodePng(url: string): Buffer {
  expect(url).toMatch(/^data:image\/png;base64,/);
  return Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
}

describe('image output (modalities: ["image", "text"])', () => {
  it('returns a deterministic PNG in message.images with image tokens billed at the image price', async () => {
    const first = await postJson(url(), draw());
    const message = first.body.choices[0].message;
    expect(message.content).toBe(
      'Here is the image you asked for: "Draw a lighthouse at dusk".'.replace(/"/g, ''),
    );
    expect(message.images).toHaveLength(1);
    expect(message.images[0].type).toBe('image_url');
    const png = decodePng(message.images[0].image_url.url);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(16);
    const usage = first.body.usage;
    expect(usage.completion_tokens_details.image_tokens).toBe(1290);
    const textTokens = usage.completion_tokens - 1290;
    expect(usage.cost).toBeCloseTo(
      usage.prompt_tokens * 0.0000003 + textTokens * 0.0000025 + 1290 * 0.00003,
      12,
    );
    const second = await postJson(url(), draw());
    expect(second.body.choices[0].message.images).toEqual(message.images);
    const other = await postJson(url(), draw({ messages: [{ role: 'user', content: 'Draw a forest' }] }));
    expect(other.body.choices[0].message.images[0].image_url.url).not.toBe(message.images[0].image_url.url);
  });

  it('streams the image as delta.images, with the same usage as the non-streamed reply', async () => {
    const plain = await postJson(url(), draw());
    const streamed = await postSse(url(), draw());
    const withImages = streamed.chunks.filter((chunk) => chunk.choices[0]?.delta.images);
    expect(withImages).toHaveLength(1);
    expect(withImages[0]?.choices[0].delta.images).toEqual(plain.body.choices[0].message.images);
    expect(collectStream(streamed.chunks).usage).toEqual(plain.body.usage);
  });

  it('image only (no text modality) → empty content', async () => {
    const response = await postJson(url(), draw({ modalities: ['image'] }));
    expect(response.body.choices[0].message.content).toBe('');
    expect(response.body.choices[0].message.images).toHaveLength(1);
  });

  it('openrouter/auto routes image requests to the image model; text-only models → 404', async () => {
    const auto = await postJson(url(), draw({ model: MODEL_IDS.auto }));
    expect(auto.body.model).toBe(MODEL_IDS.geminiFlashImage);
    const textOnly = await postJson(url(), draw({ model: MODEL_IDS.gpt4oMini }));
    expect(textOnly.status).toBe(404);
    expect(textOnly.body.error.message).toMatch(
      /^No endpoints found that support the requested output modalities: image/,
    );
    const fallback = await postJson(
      url(),
      draw({ model: MODEL_IDS.gpt4oMini, models: [MODEL_IDS.geminiFlashImage] }),
    );
    expect(fallback.body.model).toBe(MODEL_IDS.geminiFlashImage);
    const bad = await postJson(url(), draw({ modalities: ['video'] }));
    expect(bad.status).toBe(400);
  });
});
