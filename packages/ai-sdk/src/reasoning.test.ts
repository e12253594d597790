import { APICallError } from '@ai-sdk/provider';
import { generateText, isStepCount, type ModelMessage, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const weather = tool({
  description: 'Get the weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 18 }),
});

type Detail = {
  type: string;
  id?: string | null;
  signature?: string | null;
  data?: string;
  text?: string | null;
};

function assistantMessages(body: Record<string, unknown> | undefined): Array<Record<string, unknown>> {
  return ((body?.messages as Array<Record<string, unknown>>) ?? []).filter(
    (message) => message.role === 'assistant',
  );
}

describe('reasoning round trips', () => {
  for (const mode of ['generateText', 'streamText'] as const) {
    it(`${mode}: Claude reasoning + tool call, second turn accepted because the signatures came back intact`, async () => {
      const harness = createEmulatorHarness();
      const options = {
        model: harness.provider('anthropic/claude-sonnet-4.6'),
        prompt: 'What is the weather in Paris?',
        tools: { weather },
        stopWhen: isStepCount(3),
        reasoning: 'high' as const,
      };
      const steps =
        mode === 'generateText'
          ? (await generateText(options)).steps
          : await (async () => {
              const result = streamText(options);
              await result.consumeStream();
              return result.steps;
            })();
      expect(steps).toHaveLength(2);
      const firstDetails = steps[0]?.providerMetadata?.openrouter?.reasoningDetails as Detail[];
      expect(firstDetails.length).toBeGreaterThan(0);
      expect(
        firstDetails.some(
          (detail) => detail.type === 'reasoning.text' && typeof detail.signature === 'string',
        ),
      ).toBe(true);
      expect(steps[0]?.reasoningText?.length).toBeGreaterThan(0);

      const requests = await harness.requests();
      expect(requests.map((request) => request.status)).toEqual([200, 200]);
      const [firstBody, secondBody] = await harness.chatBodies();
      expect(firstBody?.reasoning).toEqual({ effort: 'high' });
      const [assistant] = assistantMessages(secondBody);
      // Exactly the details of turn one: nothing lost, nothing duplicated, same order.
      expect(assistant?.reasoning_details).toEqual(firstDetails);
      expect(steps[1]?.finishReason).toBe('stop');
    });
  }

  it('Gemini: encrypted thought signatures tied to tool-call ids go back with their calls', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('google/gemini-2.5-flash'),
      prompt: 'What is the weather in Oslo?',
      tools: { weather },
      stopWhen: isStepCount(3),
    });
    expect(result.steps).toHaveLength(2);
    const toolCallId = result.steps[0]?.toolCalls[0]?.toolCallId;
    const details = result.steps[0]?.providerMetadata?.openrouter?.reasoningDetails as Detail[];
    const encrypted = details.filter((detail) => detail.type === 'reasoning.encrypted');
    expect(encrypted.map((detail) => detail.id)).toContain(toolCallId);
    const requests = await harness.requests();
    expect(requests.map((request) => request.status)).toEqual([200, 200]);
    const [, secondBody] = await harness.chatBodies();
    const [assistant] = assistantMessages(secondBody);
    expect(assistant?.reasoning_details).toEqual(details);
    expect(((assistant?.tool_calls ?? []) as Array<{ id: string }>)[0]?.id).toBe(toolCallId);
  });

  it('the emulator really checks signatures: an altered one is rejected', async () => {
    const harness = createEmulatorHarness({ maxRetries: 0 });
    const first = await generateText({
      model: harness.provider('anthropic/claude-sonnet-4.6'),
      prompt: 'What is the weather in Paris?',
      tools: { weather },
      reasoning: 'low',
    });
    const messages = first.responseMessages as ModelMessage[];
    const tampered = JSON.parse(JSON.stringify(messages)) as ModelMessage[];
    for (const message of tampered) {
      if (message.role !== 'assistant' || typeof message.content === 'string') continue;
      for (const part of message.content) {
        if (!('providerOptions' in part)) continue;
        const details = part.providerOptions?.openrouter?.reasoningDetails as Detail[] | undefined;
        for (const detail of details ?? [])
          if (detail.signature) detail.signature = `x${detail.signature.slice(1)}`;
      }
    }
    const error = await generateText({
      model: harness.provider('anthropic/claude-sonnet-4.6'),
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }, ...tampered],
      tools: { weather },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(400);
  });

  it('maps the V4 reasoning option to reasoning.effort', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('anthropic/claude-sonnet-4.6', { reasoning: { maxTokens: 2000 } }),
      prompt: 'Think briefly [[reply: done]]',
      reasoning: 'low',
    });
    const [body] = await harness.chatBodies();
    expect(body?.reasoning).toEqual({ effort: 'low' });
    expect(result.usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
    expect(result.reasoningText?.length).toBeGreaterThan(0);
    expect(result.warnings ?? []).toEqual([]);
  });

  it('warns when providerOptions.openrouter.reasoning overrides the V4 reasoning option', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('anthropic/claude-sonnet-4.6'),
      prompt: 'Think [[reply: done]]',
      reasoning: 'high',
      providerOptions: { openrouter: { reasoning: { maxTokens: 64 } } },
    });
    const [body] = await harness.chatBodies();
    expect(body?.reasoning).toEqual({ max_tokens: 64 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringContaining('"high"') }),
    ]);
  });
});
