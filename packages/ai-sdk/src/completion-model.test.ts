import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEmulatorHarness } from './test-utils/emulator-harness';

describe('legacy completion model', () => {
  it('sends a single user text as the prompt and returns text with usage', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider.completion('openai/gpt-4o-mini'),
      prompt: 'Complete this [[reply: completed]]',
      maxOutputTokens: 20,
    });
    expect(result.text).toBe('completed');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const [request] = await harness.requests();
    expect(request?.path).toMatch(/\/completions$/);
    expect(request?.body).toMatchObject({
      model: 'openai/gpt-4o-mini',
      prompt: 'Complete this [[reply: completed]]',
      max_tokens: 20,
    });
  });

  it('streams and turns a conversation into user/assistant turns', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider.completion('openai/gpt-4o-mini'),
      system: 'You complete text.',
      messages: [
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Answer' },
        { role: 'user', content: 'Second [[reply: streamed words]]' },
      ],
    });
    expect(await result.text).toBe('streamed words');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    const [request] = await harness.requests();
    expect(request?.body).toMatchObject({
      prompt:
        'You complete text.\n\nuser:\nFirst\n\nassistant:\nAnswer\n\nuser:\nSecond [[reply: streamed words]]\n\nassistant:\n',
      stop: ['\nuser:'],
      stream: true,
    });
  });

  it('warns about call settings legacy completions cannot send', async () => {
    const harness = createEmulatorHarness();
    const result = await harness.provider.completion('openai/gpt-4o-mini').doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi [[reply: ok]]' }] }],
      tools: [{ type: 'function', name: 'noop', inputSchema: { type: 'object' } }],
      responseFormat: { type: 'json' },
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'tools' }),
      expect.objectContaining({ type: 'unsupported', feature: 'responseFormat' }),
    ]);
    expect(result.content).toEqual([{ type: 'text', text: 'ok' }]);
  });
});
