import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { collectStream } from './test-utils/collect-stream';
import { createEmulatorHarness } from './test-utils/emulator-harness';

describe('streamText against the emulator', () => {
  it('streams text parts in order with usage, finish reason and provider metadata', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Count to three [[reply: one two three]]',
    });
    const parts = await collectStream(result.fullStream);
    const types = parts.map((part) => part.type);
    expect(types[0]).toBe('start');
    expect(types.filter((type) => type === 'text-start')).toHaveLength(1);
    expect(types.indexOf('text-start')).toBeLessThan(types.indexOf('text-delta'));
    expect(types.lastIndexOf('text-delta')).toBeLessThan(types.indexOf('text-end'));
    expect(types.at(-1)).toBe('finish');
    expect(await result.text).toBe('one two three');
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    const metadata = (await result.providerMetadata)?.openrouter;
    expect(metadata).toMatchObject({ provider: 'OpenAI', model: 'openai/gpt-4o-mini', isByok: false });
    expect(metadata?.generationId).toMatch(/^gen-/);
    expect((await result.response).id).toBe(metadata?.generationId);

    const [body] = await harness.chatBodies();
    expect(body).toMatchObject({ model: 'openai/gpt-4o-mini', stream: true });
  });

  it('emits raw chunks when asked and one response-metadata per call', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('openai/gpt-4o-mini');
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Raw please [[reply: a b c d]]' }] }],
      includeRawChunks: true,
    });
    const parts = await collectStream(stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts.filter((part) => part.type === 'response-metadata')).toHaveLength(1);
    const raw = parts.filter((part) => part.type === 'raw');
    expect(raw.length).toBeGreaterThan(2);
    expect(raw[0]).toMatchObject({ rawValue: { object: 'chat.completion.chunk' } });
    expect(parts.at(-1)?.type).toBe('finish');
  });
});
