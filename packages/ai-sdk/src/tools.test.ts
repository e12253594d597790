import { generateText, isStepCount, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const weatherTool = tool({
  description: 'Get the weather for a city',
  inputSchema: z.object({ city: z.string() }),
  strict: true,
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

describe('tools', () => {
  it('runs a multi-step tool loop and sends tool calls and results back', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: { weather: weatherTool },
      stopWhen: isStepCount(3),
    });
    expect(result.steps).toHaveLength(2);
    const [first, second] = result.steps;
    expect(first?.finishReason).toBe('tool-calls');
    expect(first?.toolCalls).toHaveLength(1);
    expect(first?.toolCalls[0]?.toolName).toBe('weather');
    expect(first?.toolResults[0]?.output).toMatchObject({ temperature: 21 });
    expect(second?.finishReason).toBe('stop');
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.totalUsage.inputTokens).toBe(
      (first?.usage.inputTokens ?? 0) + (second?.usage.inputTokens ?? 0),
    );

    const [firstBody, secondBody] = await harness.chatBodies();
    expect(firstBody?.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'weather',
          description: 'Get the weather for a city',
          parameters: expect.objectContaining({ type: 'object', properties: { city: { type: 'string' } } }),
          strict: true,
        },
      },
    ]);
    const call = first?.toolCalls[0];
    expect(secondBody?.messages).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call?.toolCallId,
            type: 'function',
            function: { name: 'weather', arguments: JSON.stringify(call?.input) },
          },
        ],
      },
      {
        role: 'tool',
        tool_call_id: call?.toolCallId,
        content: JSON.stringify({
          city: (call?.input as { city: string } | undefined)?.city,
          temperature: 21,
        }),
      },
    ]);
  });

  it('maps toolChoice', async () => {
    const harness = createEmulatorHarness();
    await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Anything',
      tools: { weather: weatherTool, other: tool({ inputSchema: z.object({}), execute: async () => 'x' }) },
      toolChoice: { type: 'tool', toolName: 'other' },
    });
    const [body] = await harness.chatBodies();
    expect(body?.tool_choice).toEqual({ type: 'function', function: { name: 'other' } });
  });

  it('streams tool input deltas and emits the tool call before finish', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'What is the weather in Rome?',
      tools: { weather: weatherTool },
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types.indexOf('tool-input-start')).toBeLessThan(types.indexOf('tool-input-delta'));
    expect(types.lastIndexOf('tool-input-delta')).toBeLessThan(types.indexOf('tool-input-end'));
    expect(types.indexOf('tool-input-end')).toBeLessThan(types.indexOf('tool-call'));
    expect(types.indexOf('tool-call')).toBeLessThan(types.indexOf('tool-result'));
    expect(await result.finishReason).toBe('tool-calls');
  });
});
