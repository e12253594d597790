/** Agents and graphs: `createAgent` and a LangGraph `StateGraph` finishing tool tasks against the emulator. */
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useEmulator } from './test-utils/emulator-fixture';

const calls: Array<{ a: number; b: number }> = [];
const addTool = tool(
  (input: { a: number; b: number }) => {
    calls.push(input);
    return String(input.a + input.b);
  },
  {
    name: 'add',
    description: 'Add two integers and return the sum.',
    schema: z.object({ a: z.number().int(), b: z.number().int() }),
  },
);

const TASK = 'What is 17 + 25? Use the add tool.';

describe('ChatOpenRouter in agents (against the emulator)', () => {
  const fixture = useEmulator();

  it('createAgent runs a tool loop to a final answer', async () => {
    calls.length = 0;
    const agent = createAgent({ model: fixture.model('openai/gpt-4o-mini'), tools: [addTool] });
    const result = await agent.invoke({ messages: [new HumanMessage(TASK)] });
    const messages = result.messages as BaseMessage[];
    const toolMessages = messages.filter((message) => ToolMessage.isInstance(message));
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(toolMessages.length).toBe(calls.length);
    const last = messages.at(-1);
    expect(AIMessage.isInstance(last)).toBe(true);
    expect((last as AIMessage).tool_calls ?? []).toHaveLength(0);
    expect((last as AIMessage).text).not.toBe('');
    expect(fixture.chatRequests().length).toBe(2);
  });

  it('a StateGraph with a tool node streams text and tool-call chunks in "messages" mode', async () => {
    calls.length = 0;
    const model = fixture.model('openai/gpt-4o-mini').bindTools([addTool]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode([addTool]))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', (state) => {
        const last = state.messages.at(-1) as AIMessage;
        return (last.tool_calls?.length ?? 0) > 0 ? 'tools' : END;
      })
      .addEdge('tools', 'agent')
      .compile();
    const streamed: AIMessageChunk[] = [];
    for await (const [message] of await graph.stream(
      { messages: [new HumanMessage(TASK)] },
      { streamMode: 'messages' },
    )) {
      if (AIMessageChunk.isInstance(message)) streamed.push(message);
    }
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(streamed.some((chunk) => (chunk.tool_call_chunks?.length ?? 0) > 0)).toBe(true);
    expect(streamed.some((chunk) => chunk.text !== '')).toBe(true);
    expect(streamed.some((chunk) => chunk.usage_metadata !== undefined)).toBe(true);
  });
});
