import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEmulatorHarness } from './test-utils/emulator-harness';

describe('generateText against the emulator', () => {
  it('sends the mapped request and returns text, usage and provider metadata', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('openai/gpt-4o-mini', { provider: { order: ['openai'] }, user: 'model-user' }),
      system: 'Be brief.',
      prompt: 'Say hello [[reply: Hello there!]]',
      maxOutputTokens: 50,
      temperature: 0.2,
      topP: 0.9,
      seed: 7,
      stopSequences: ['END'],
      providerOptions: { openrouter: { user: 'call-user', metadata: { feature: 'greeting' } } },
    });

    expect(result.text).toBe('Hello there!');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('stop');
    const [body] = await harness.chatBodies();
    expect(body).toMatchObject({
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello [[reply: Hello there!]]' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      seed: 7,
      stop: ['END'],
      provider: { order: ['openai'] },
      user: 'call-user',
      metadata: { feature: 'greeting' },
    });
    expect(body?.stream).not.toBe(true);

    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe((result.usage.inputTokens ?? 0) + (result.usage.outputTokens ?? 0));
    expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(0);
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(0);
    expect(result.usage.raw).toMatchObject({ prompt_tokens: result.usage.inputTokens });

    const metadata = result.providerMetadata?.openrouter;
    expect(metadata).toMatchObject({ provider: 'OpenAI', model: 'openai/gpt-4o-mini', isByok: false });
    expect(metadata?.generationId).toMatch(/^gen-/);
    expect(metadata?.cost).toBeGreaterThan(0);
    expect(result.response.id).toBe(metadata?.generationId);
    expect(result.response.modelId).toBe('openai/gpt-4o-mini');
    expect(result.response.headers?.['x-generation-id']).toBe(metadata?.generationId);
  });

  it('applies provider < model < call settings, with validated camelCase options', async () => {
    const harness = createEmulatorHarness();
    const provider = harness.createProvider({
      temperature: 0.1,
      provider: { dataCollection: 'deny', sort: 'price' },
      sessionId: 'session-1',
    });
    await generateText({
      model: provider('openai/gpt-4o-mini', { temperature: 0.5, provider: { sort: 'latency' } }),
      prompt: 'Hi [[reply: ok]]',
      providerOptions: { openrouter: { provider: { allowFallbacks: false }, transforms: ['middle-out'] } },
    });
    const [body] = await harness.chatBodies();
    expect(body).toMatchObject({
      temperature: 0.5,
      provider: { data_collection: 'deny', sort: 'latency', allow_fallbacks: false },
      transforms: ['middle-out'],
    });
    const [request] = await harness.requests();
    expect(JSON.stringify(request)).toContain('session-1');
  });

  it('reports the model that served a `models` fallback', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('emulator/always-503', {
        models: ['emulator/always-503', 'openai/gpt-4o-mini'],
      }),
      prompt: 'Fallback please [[reply: served]]',
    });
    expect(result.text).toBe('served');
    expect(result.response.modelId).toBe('openai/gpt-4o-mini');
    expect(result.providerMetadata?.openrouter).toMatchObject({ model: 'openai/gpt-4o-mini' });
    const [body] = await harness.chatBodies();
    expect(body).toMatchObject({
      model: 'emulator/always-503',
      models: ['emulator/always-503', 'openai/gpt-4o-mini'],
    });
  });

  it('returns cited sources from url_citation annotations', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'What is new? [[citations]]',
    });
    expect(result.sources.length).toBeGreaterThan(0);
    for (const source of result.sources) {
      expect(source).toMatchObject({ type: 'source', sourceType: 'url' });
    }
    const annotations = result.providerMetadata?.openrouter?.annotations as unknown[];
    expect(annotations.length).toBeGreaterThanOrEqual(result.sources.length);
  });
});
