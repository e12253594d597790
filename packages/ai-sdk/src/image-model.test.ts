import { parseJson } from '@openrouter-adapters/core';
import { generateImage, streamText } from 'ai';
import { describe, expect, inject, it } from 'vitest';
import { createOpenRouter } from './openrouter-provider';
import { TINY_PNG_BASE64 } from './test-utils/image-upstream';

const testHeader = (): Record<string, string> => ({ 'x-test-id': crypto.randomUUID() });

async function receivedBodies(testId: string): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${inject('controlURL')}/image-upstream/requests`);
  const bodies = parseJson(await response.text()) as Array<Record<string, unknown>>;
  return bodies.filter((body) => JSON.stringify(body).includes(testId));
}

describe('image generation (chat completions with image output, over loopback HTTP)', () => {
  it('generateImage sends modalities and aspect ratio, one call per image, and returns base64 images', async () => {
    const headers = testHeader();
    const testId = headers['x-test-id'] ?? '';
    const provider = createOpenRouter({ baseURL: inject('imageUpstreamBaseURL') });
    const result = await generateImage({
      model: provider.imageModel('google/gemini-2.5-flash-image', { user: testId }),
      prompt: 'a red panda astronaut',
      aspectRatio: '16:9',
      n: 2,
    });
    expect(result.images).toHaveLength(2);
    expect(result.images[0]?.base64).toBe(TINY_PNG_BASE64);
    expect(result.images[0]?.mediaType).toBe('image/png');
    expect(result.providerMetadata.openrouter?.images).toEqual([
      expect.objectContaining({
        mediaType: 'image/png',
        provider: 'Google',
        cost: 0.039,
        generationId: expect.stringMatching(/^gen-image-/),
      }),
      expect.objectContaining({ mediaType: 'image/png', provider: 'Google', cost: 0.039 }),
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 20, outputTokens: 2580 });
    const bodies = await receivedBodies(testId);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual({
      model: 'google/gemini-2.5-flash-image',
      user: testId,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a red panda astronaut' }] }],
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '16:9' },
      stream: false,
    });
  });

  it('a pixel size is sent as an aspect ratio, with a compatibility warning', async () => {
    const testId = crypto.randomUUID();
    const provider = createOpenRouter({ baseURL: inject('imageUpstreamBaseURL') });
    const result = await generateImage({
      model: provider.imageModel('google/gemini-2.5-flash-image', { user: testId }),
      prompt: 'a square',
      size: '1024x768',
    });
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'compatibility', feature: 'size' })]);
    const [body] = await receivedBodies(testId);
    expect(body?.image_config).toEqual({ aspect_ratio: '4:3' });
  });

  it('streamed chat responses with images produce file parts', async () => {
    const testId = crypto.randomUUID();
    const provider = createOpenRouter({ baseURL: inject('imageUpstreamBaseURL') });
    const result = streamText({
      model: provider('google/gemini-2.5-flash-image', { modalities: ['image', 'text'], user: testId }),
      prompt: 'draw',
    });
    const files = await result.files;
    expect(files).toHaveLength(1);
    expect(files[0]?.base64).toBe(TINY_PNG_BASE64);
    expect(files[0]?.mediaType).toBe('image/png');
    expect(await result.text).toBe('Here is your image.');
  });
});
