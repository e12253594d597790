import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { toLangChainMessages } from './to-langchain-messages';

describe('toLangChainMessages', () => {
  it('maps turns to LangChain messages, reasoning details in additional_kwargs', () => {
    const details = [{ type: 'reasoning.text', text: 'Hmm.', signature: 'sig', index: 0 }];
    const messages = toLangChainMessages([
      { role: 'user', text: 'What is "6 * 7"?' },
      {
        role: 'assistant',
        text: '',
        reasoningDetails: details,
        toolCalls: [
          {
            id: 'call_1',
            name: 'calculator',
            input: { expression: '6 * 7' },
            output: { type: 'result', value: { result: 42 } },
          },
        ],
      },
      { role: 'assistant', text: 'It is 42.', reasoningDetails: [], toolCalls: [] },
    ]);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toBeInstanceOf(HumanMessage);
    const call = messages[1] as AIMessage;
    expect(call).toBeInstanceOf(AIMessage);
    expect(call.tool_calls).toEqual([
      { id: 'call_1', name: 'calculator', args: { expression: '6 * 7' }, type: 'tool_call' },
    ]);
    expect(call.additional_kwargs.reasoning_details).toEqual(details);
    const result = messages[2] as ToolMessage;
    expect(result).toBeInstanceOf(ToolMessage);
    expect(result.tool_call_id).toBe('call_1');
    expect(result.content).toBe('{"result":42}');
    expect((messages[3] as AIMessage).content).toBe('It is 42.');
  });
});
