import {
  AIMessage,
  ChatMessage,
  FunctionMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { InvalidOptionsError } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { convertMessagesToOpenRouter } from './convert-messages-to-openrouter';

const REASONING_DETAILS = [
  {
    type: 'reasoning.text',
    text: 'Let me think.',
    signature: 'sig-1',
    format: 'anthropic-claude-v1',
    index: 0,
  },
  { type: 'reasoning.encrypted', data: 'opaque', id: 'call_1', format: 'google-gemini-v1', index: 1 },
];

describe('convertMessagesToOpenRouter', () => {
  it('maps roles and keeps names', () => {
    expect(
      convertMessagesToOpenRouter([
        new SystemMessage('be brief'),
        new HumanMessage({ content: 'hi', name: 'ada' }),
        new AIMessage('hello'),
        new ChatMessage('again', 'user'),
      ]),
    ).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hi', name: 'ada' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'again' },
    ]);
  });

  it('sends a developer system message as role developer', () => {
    const message = new SystemMessage({
      content: 'rules',
      additional_kwargs: { __openai_role__: 'developer' },
    });
    expect(convertMessagesToOpenRouter([message])).toEqual([{ role: 'developer', content: 'rules' }]);
  });

  it('sends tool calls (valid and invalid) and tool results with their ids', () => {
    const wire = convertMessagesToOpenRouter([
      new AIMessage({
        content: '',
        tool_calls: [{ id: 'call_1', name: 'add', args: { a: 1, b: 2 }, type: 'tool_call' }],
        invalid_tool_calls: [
          { id: 'call_2', name: 'add', args: '{"a":', error: 'bad json', type: 'invalid_tool_call' },
        ],
      }),
      new ToolMessage({ content: '3', tool_call_id: 'call_1' }),
      new ToolMessage({ content: [{ type: 'text', text: 'error' }], tool_call_id: 'call_2' }),
    ]);
    expect(wire).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":2}' } },
          { id: 'call_2', type: 'function', function: { name: 'add', arguments: '{"a":' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '3' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'error' }] },
    ]);
  });

  it('does not forward Anthropic-style tool_use blocks raw: the tool call goes in tool_calls', () => {
    const wire = convertMessagesToOpenRouter([
      new AIMessage({
        content: [
          { type: 'text', text: 'some text' },
          { type: 'tool_use', id: 'abc123', name: 'AdderTool', input: { a: 1, b: 2 } },
        ],
        tool_calls: [{ id: 'abc123', name: 'AdderTool', args: { a: 1, b: 2 }, type: 'tool_call' }],
      }),
    ]);
    expect(wire).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'some text' }],
        tool_calls: [
          { id: 'abc123', type: 'function', function: { name: 'AdderTool', arguments: '{"a":1,"b":2}' } },
        ],
      },
    ]);
  });

  it('sends reasoning_details back verbatim, from additional_kwargs or response_metadata', () => {
    const fromKwargs = new AIMessage({
      content: 'answer',
      additional_kwargs: { reasoning_details: REASONING_DETAILS, reasoning_content: 'Let me think.' },
    });
    const fromMetadata = new AIMessage({
      content: [
        { type: 'reasoning', reasoning: 'Let me think.' },
        { type: 'text', text: 'answer' },
      ],
      response_metadata: { output_version: 'v1', reasoning_details: REASONING_DETAILS },
    });
    const [first, second] = convertMessagesToOpenRouter([fromKwargs, fromMetadata]);
    expect(first).toEqual({ role: 'assistant', content: 'answer', reasoning_details: REASONING_DETAILS });
    expect(second).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'answer' }],
      reasoning_details: REASONING_DETAILS,
    });
  });

  it('collects every problem into one InvalidOptionsError', () => {
    let caught: unknown;
    try {
      convertMessagesToOpenRouter([
        new FunctionMessage({ content: 'x', name: 'f' }),
        new AIMessage({ content: '', tool_calls: [{ name: 'add', args: {}, type: 'tool_call' }] }),
        new SystemMessage({ content: [{ type: 'image_url', image_url: { url: 'https://example.com' } }] }),
      ]);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues.map((issue) => issue.path)).toEqual([
      'messages[0]',
      'messages[1].tool_calls[0]',
      'messages[2].content[0]',
    ]);
  });
});
