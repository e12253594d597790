import { type LanguageModelV4CallOptions, LoadAPIKeyError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenRouterChatLanguageModel } from './openrouter-chat-language-model';
import { OpenRouterCompletionLanguageModel } from './openrouter-completion-language-model';
import { OpenRouterEmbeddingModel } from './openrouter-embedding-model';
import { OpenRouterImageModel } from './openrouter-image-model';
import { createOpenRouter, openrouter } from './openrouter-provider';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const environment = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const PROMPT: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

describe('createOpenRouter', () => {
  const savedKey = environment?.OPENROUTER_API_KEY;
  afterEach(() => {
    if (environment === undefined) return;
    if (savedKey === undefined) delete environment.OPENROUTER_API_KEY;
    else environment.OPENROUTER_API_KEY = savedKey;
  });

  it('is a callable V4 provider with every model kind', () => {
    const provider = createOpenRouter({ apiKey: 'sk-or-v1-test' });
    expect(provider.specificationVersion).toBe('v4');
    expect(provider('openai/gpt-4o-mini')).toBeInstanceOf(OpenRouterChatLanguageModel);
    expect(provider.languageModel('openai/gpt-4o-mini')).toBeInstanceOf(OpenRouterChatLanguageModel);
    expect(provider.chat('openai/gpt-4o-mini')).toBeInstanceOf(OpenRouterChatLanguageModel);
    expect(provider.completion('openai/gpt-4o-mini')).toBeInstanceOf(OpenRouterCompletionLanguageModel);
    expect(provider.embeddingModel('openai/text-embedding-3-small')).toBeInstanceOf(OpenRouterEmbeddingModel);
    expect(provider.textEmbeddingModel('openai/text-embedding-3-small')).toBeInstanceOf(
      OpenRouterEmbeddingModel,
    );
    expect(provider.imageModel('google/gemini-2.5-flash-image')).toBeInstanceOf(OpenRouterImageModel);
    const model = provider('anthropic/claude-sonnet-4.6');
    expect(model).toMatchObject({
      specificationVersion: 'v4',
      provider: 'openrouter.chat',
      modelId: 'anthropic/claude-sonnet-4.6',
    });
    expect(Object.keys(model.supportedUrls)).toEqual(['image/*', 'application/pdf', 'video/*']);
    expect(() => new (provider as unknown as new (id: string) => unknown)('x')).toThrow(/without `new`/);
  });

  it('the default instance fails with LoadAPIKeyError (before any request) when no key is set', async () => {
    if (environment !== undefined) delete environment.OPENROUTER_API_KEY;
    await expect(openrouter('openai/gpt-4o-mini').doGenerate(PROMPT)).rejects.toSatisfy((error) =>
      LoadAPIKeyError.isInstance(error),
    );
  });

  it.runIf(environment !== undefined)(
    'reads OPENROUTER_API_KEY at request time, not at creation',
    async () => {
      if (environment === undefined) return;
      delete environment.OPENROUTER_API_KEY;
      const harness = createEmulatorHarness();
      const provider = harness.createProvider();
      environment.OPENROUTER_API_KEY = 'sk-or-v1-lazykey123456';
      await generateText({ model: provider('openai/gpt-4o-mini'), prompt: 'Hi [[reply: ok]]' });
      const [request] = await harness.requests();
      expect(request?.headers.authorization).toBe('Bearer sk-or-v1-laz...456');
    },
  );

  it('sends attribution, BYOK and custom headers, and never needs a key for a custom baseURL', async () => {
    if (environment !== undefined) delete environment.OPENROUTER_API_KEY;
    const harness = createEmulatorHarness();
    const seen: string[] = [];
    const provider = harness.createProvider({
      appName: 'My App',
      appUrl: 'https://example.com/app',
      providerApiKeys: { anthropic: 'sk-ant-test' },
      headers: { 'x-custom': 'yes' },
      fetch: (input, init) => {
        seen.push(String(input));
        return globalThis.fetch(input, init);
      },
    });
    await generateText({
      model: provider('openai/gpt-4o-mini'),
      prompt: 'Hi [[reply: ok]]',
      headers: { 'x-call': 'call-level' },
    });
    const [request] = await harness.requests();
    expect(request?.headers).toMatchObject({
      'x-openrouter-title': 'My App',
      'http-referer': 'https://example.com/app',
      'x-custom': 'yes',
      'x-call': 'call-level',
    });
    expect(request?.headers['x-provider-api-keys']).toBeDefined();
    expect(request?.headers.authorization).toBeUndefined();
    expect(seen).toEqual([`${harness.baseURL}/chat/completions`]);
  });
});
