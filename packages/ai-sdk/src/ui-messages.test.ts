import {
  convertToModelMessages,
  isStepCount,
  readUIMessageStream,
  streamText,
  ToolLoopAgent,
  tool,
  type UIMessage,
} from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const tools = {
  weather: tool({
    description: 'Get the weather for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `${city}: sunny`,
  }),
};

describe('server-side chat (useChat) and agents', () => {
  it('reasoning signatures survive UI messages stored as JSON between turns', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('anthropic/claude-sonnet-4.6');
    const history: UIMessage[] = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'What is the weather in Paris?' }] },
    ];
    for (const question of ['And the weather in Rome?', undefined]) {
      const result = streamText({
        model,
        messages: await convertToModelMessages(history, { tools }),
        tools,
        stopWhen: isStepCount(3),
        reasoning: 'low',
      });
      let assistant: UIMessage | undefined;
      for await (const message of readUIMessageStream({ stream: result.toUIMessageStream() }))
        assistant = message;
      if (assistant === undefined) throw new Error('no assistant message');
      // A chat app persists messages as JSON and sends them back with the next question.
      history.push(JSON.parse(JSON.stringify(assistant)) as UIMessage);
      if (question !== undefined)
        history.push({ id: `u${history.length}`, role: 'user', parts: [{ type: 'text', text: question }] });
    }
    const requests = await harness.requests();
    expect(requests.map((request) => request.status)).toEqual([200, 200, 200, 200]);
    const bodies = await harness.chatBodies();
    const assistants = (
      (bodies[3]?.messages ?? []) as Array<{ role: string; reasoning_details?: unknown[] }>
    ).filter((message) => message.role === 'assistant');
    expect(assistants).toHaveLength(3);
    for (const assistant of assistants) expect(assistant.reasoning_details?.length).toBe(1);
  });

  it('works as the model of a ToolLoopAgent', async () => {
    const harness = createEmulatorHarness();
    const agent = new ToolLoopAgent({
      model: harness.provider('openai/gpt-4o-mini'),
      tools,
      stopWhen: isStepCount(3),
    });
    const result = await agent.generate({ prompt: 'What is the weather in Madrid?' });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolResults[0]?.output).toBe('Madrid: sunny');
    expect(result.totalUsage.outputTokens).toBeGreaterThan(0);
  });
});
