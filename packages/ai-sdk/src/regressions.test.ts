import { InvalidArgumentError } from '@ai-sdk/provider';
import { createProviderRegistry, generateText, isStepCount, type ModelMessage, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectStream } from './test-utils/collect-stream';
import { createEmulatorHarness } from './test-utils/emulator-harness';

// One test per defect reported against @openrouter/ai-sdk-provider, proving this provider does not have it.
describe('regressions of the official provider', () => {
  it('registry breaks usage/finishReason: usage and finish reasons survive createProviderRegistry', async () => {
    const harness = createEmulatorHarness();
    const registry = createProviderRegistry({ openrouter: harness.provider });
    const model = registry.languageModel('openrouter:openai/gpt-4o-mini');
    const generated = await generateText({ model, prompt: 'Hi [[reply: via registry]]' });
    expect(generated.text).toBe('via registry');
    expect(generated.finishReason).toBe('stop');
    expect(generated.usage.inputTokens).toBeGreaterThan(0);
    expect(generated.usage.outputTokens).toBeGreaterThan(0);
    const streamed = streamText({ model, prompt: 'Hi [[reply: via registry]]' });
    await streamed.consumeStream();
    expect(await streamed.finishReason).toBe('stop');
    expect((await streamed.usage).outputTokens).toBe(generated.usage.outputTokens);
    const embedding = registry.embeddingModel('openrouter:openai/text-embedding-3-small');
    expect(embedding.modelId).toBe('openai/text-embedding-3-small');
  });

  it('tool calls appear only at the end of the stream: tool input streams while the response is still open', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'What is the weather in Lisbon?',
      headers: { 'X-Emulator-Scenario': 'slow-tokens; interval_ms=60' },
      tools: { weather: tool({ inputSchema: z.object({ city: z.string() }) }) },
    });
    let openWhileStreaming: boolean | undefined;
    let deltas = 0;
    for await (const part of result.fullStream) {
      if (part.type === 'tool-input-delta') {
        deltas++;
        if (openWhileStreaming === undefined) {
          const [request] = await harness.requests();
          openWhileStreaming = request?.endedAt === undefined;
        }
      }
    }
    expect(deltas).toBeGreaterThan(1);
    expect(openWhileStreaming).toBe(true);
  });

  it('reasoning_details lost or duplicated across turns: each assistant turn sends back its own details exactly once', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('anthropic/claude-sonnet-4.6');
    const weather = tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => `${city}: sunny`,
    });
    const messages: ModelMessage[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await generateText({
      model,
      messages,
      tools: { weather },
      stopWhen: isStepCount(3),
      reasoning: 'low',
    });
    messages.push(...first.responseMessages, { role: 'user', content: 'And the weather in Berlin?' });
    const second = await generateText({
      model,
      messages,
      tools: { weather },
      stopWhen: isStepCount(3),
      reasoning: 'low',
    });
    const steps = [...first.steps, ...second.steps];
    expect(steps).toHaveLength(4);
    const requests = await harness.requests();
    expect(requests.map((request) => request.status)).toEqual([200, 200, 200, 200]);
    const bodies = await harness.chatBodies();
    const assistants = ((bodies[3]?.messages ?? []) as Array<Record<string, unknown>>).filter(
      (message) => message.role === 'assistant',
    );
    expect(assistants).toHaveLength(3);
    for (const [index, assistant] of assistants.entries()) {
      expect(assistant.reasoning_details).toEqual(
        steps[index]?.providerMetadata?.openrouter?.reasoningDetails,
      );
    }
  });

  for (const shape of ['empty', 'null-finish', 'repeat-stop'] as const) {
    it(`usage missing when it arrives in a usage-only final chunk (${shape})`, async () => {
      const harness = createEmulatorHarness();
      const model = harness.provider('openai/gpt-4o-mini');
      const prompt = 'Usage please [[reply: counted words here]]';
      const generated = await generateText({ model, prompt });
      const streamed = streamText({
        model,
        prompt,
        headers: { 'X-Emulator-Scenario': `usage-shape; choices=${shape}` },
      });
      await streamed.consumeStream();
      const usage = await streamed.usage;
      expect(usage.inputTokens).toBe(generated.usage.inputTokens);
      expect(usage.outputTokens).toBe(generated.usage.outputTokens);
      expect(await streamed.finishReason).toBe('stop');
      expect((await streamed.providerMetadata)?.openrouter?.cost).toBe(
        generated.providerMetadata?.openrouter?.cost,
      );
    });
  }

  it('is_byok dropped: BYOK accounting reaches providerMetadata (stream and not)', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('openai/gpt-4o-mini');
    const headers = { 'X-Emulator-Scenario': 'byok' };
    const generated = await generateText({ model, prompt: 'Hi', headers });
    expect(generated.providerMetadata?.openrouter).toMatchObject({ isByok: true });
    expect(generated.providerMetadata?.openrouter?.upstreamCost).toBeGreaterThan(0);
    const streamed = streamText({ model, prompt: 'Hi', headers });
    await streamed.consumeStream();
    expect((await streamed.providerMetadata)?.openrouter).toMatchObject({ isByok: true });
  });

  it('unvalidated provider options override `model`: they are rejected, never spread over the body', async () => {
    const harness = createEmulatorHarness();
    for (const openrouter of [{ model: 'evil/model' }, { messages: [] }, { stream: true }]) {
      const error = await generateText({
        model: harness.provider('openai/gpt-4o-mini'),
        prompt: 'Hi',
        providerOptions: { openrouter },
      }).catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(Object.keys(openrouter)[0]);
    }
    expect(await harness.requests()).toHaveLength(0);
  });

  it('tool `strict` not forwarded: strict true and false reach the wire', async () => {
    const harness = createEmulatorHarness();
    await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Weather in Paris? [[no-tools]]',
      tools: {
        strictTool: tool({ inputSchema: z.object({ city: z.string() }), strict: true }),
        looseTool: tool({ inputSchema: z.object({ city: z.string() }), strict: false }),
        plainTool: tool({ inputSchema: z.object({ city: z.string() }) }),
      },
    });
    const [body] = await harness.chatBodies();
    const strictness = Object.fromEntries(
      ((body?.tools ?? []) as Array<{ function: { name: string; strict?: boolean } }>).map((wire) => [
        wire.function.name,
        wire.function.strict,
      ]),
    );
    expect(strictness).toEqual({ strictTool: true, looseTool: false, plainTool: undefined });
  });

  it('V4 reasoning option ignored: it becomes reasoning.effort and changes the reasoning spent', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('anthropic/claude-sonnet-4.6');
    const low = await generateText({ model, prompt: 'Think [[reply: ok]]', reasoning: 'low' });
    const high = await generateText({ model, prompt: 'Think [[reply: ok]]', reasoning: 'high' });
    const bodies = await harness.chatBodies();
    expect(bodies.map((body) => body.reasoning)).toEqual([{ effort: 'low' }, { effort: 'high' }]);
    expect(high.usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(
      low.usage.outputTokenDetails.reasoningTokens ?? 0,
    );
    const none = await generateText({ model, prompt: 'No thinking [[reply: ok]]', reasoning: 'none' });
    expect((await harness.chatBodies())[2]?.reasoning).toEqual({ effort: 'none' });
    expect(none.reasoningText ?? '').toBe('');
  });

  it('logprobs requested but dropped: they are requested and returned in providerMetadata', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('openai/gpt-4o-mini', { logprobs: true, topLogprobs: 2 });
    const generated = await generateText({ model, prompt: 'Hi [[reply: two words]]' });
    const [body] = await harness.chatBodies();
    expect(body).toMatchObject({ logprobs: true, top_logprobs: 2 });
    expect(generated.providerMetadata?.openrouter?.logprobs).toMatchObject({ content: expect.any(Array) });
    const streamed = streamText({ model, prompt: 'Hi [[reply: two words]]' });
    await streamed.consumeStream();
    expect((await streamed.providerMetadata)?.openrouter?.logprobs).toMatchObject({
      content: expect.any(Array),
    });
  });

  it('keep-alives not surfaced: `: OPENROUTER PROCESSING` comments become ping parts', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Hi [[reply: a b c]]',
      headers: { 'X-Emulator-Scenario': 'keepalives; every=1' },
    });
    const parts = await collectStream(result.fullStream);
    expect(parts.filter((part) => part.type === 'ping').length).toBeGreaterThan(1);
    expect(await result.text).toBe('a b c');
  });
});
