import { describe, expect, it } from 'vitest';
import { toConversationTurns } from './conversation-turns';
import type { DemoMessage } from './reply-metadata';
import { toWireMessages } from './to-wire-messages';

const signed = {
  type: 'reasoning.text',
  text: 'Let me compute.',
  signature: 'sig-1',
  format: 'anthropic-claude-v1',
  index: 0,
};
const encrypted = {
  type: 'reasoning.encrypted',
  id: 'call_1',
  data: 'opaque',
  format: 'google-gemini-v1',
  index: 0,
};

/** A reply with a tool call, its result, and the answer after it: two steps, as every path writes it. */
const conversation: DemoMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'What is "6 * 7"?' }] },
  {
    id: 'a1',
    role: 'assistant',
    parts: [
      { type: 'step-start' },
      {
        type: 'reasoning',
        text: 'Let me compute.',
        state: 'done',
        providerMetadata: { openrouter: { reasoningDetails: [signed] } },
      },
      {
        type: 'tool-calculator',
        toolCallId: 'call_1',
        state: 'output-available',
        input: { expression: '6 * 7' },
        output: { expression: '6 * 7', result: 42 },
        callProviderMetadata: { openrouter: { reasoningDetails: [signed, encrypted] } },
      },
      { type: 'step-start' },
      { type: 'text', text: 'It is 42.', state: 'done' },
    ],
  },
  { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'And "1 / 0"?' }] },
  {
    id: 'a2',
    role: 'assistant',
    parts: [
      { type: 'step-start' },
      {
        type: 'tool-calculator',
        toolCallId: 'call_2',
        state: 'output-error',
        input: { expression: '1 / 0' },
        errorText: 'Division by zero',
      },
      // Stopped before this call ran: it cannot be sent back.
      { type: 'tool-calculator', toolCallId: 'call_3', state: 'input-available', input: { expression: '2' } },
      { type: 'step-start' },
      { type: 'text', text: 'That is undefined.', state: 'done' },
    ],
  },
] as DemoMessage[];

describe('toConversationTurns', () => {
  it('splits replies into one assistant turn per step, with tool results and reasoning details', () => {
    expect(toConversationTurns(conversation)).toEqual([
      { role: 'user', text: 'What is "6 * 7"?' },
      {
        role: 'assistant',
        text: '',
        reasoningDetails: [signed, encrypted],
        toolCalls: [
          {
            id: 'call_1',
            name: 'calculator',
            input: { expression: '6 * 7' },
            output: { type: 'result', value: { expression: '6 * 7', result: 42 } },
          },
        ],
      },
      { role: 'assistant', text: 'It is 42.', reasoningDetails: [], toolCalls: [] },
      { role: 'user', text: 'And "1 / 0"?' },
      {
        role: 'assistant',
        text: '',
        reasoningDetails: [],
        toolCalls: [
          {
            id: 'call_2',
            name: 'calculator',
            input: { expression: '1 / 0' },
            output: { type: 'error', message: 'Division by zero' },
          },
        ],
      },
      { role: 'assistant', text: 'That is undefined.', reasoningDetails: [], toolCalls: [] },
    ]);
  });

  it('becomes OpenRouter chat messages with tool calls, results and reasoning details verbatim', () => {
    const messages = toWireMessages(toConversationTurns(conversation));
    expect(messages.slice(0, 4)).toEqual([
      { role: 'user', content: 'What is "6 * 7"?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'calculator', arguments: '{"expression":"6 * 7"}' },
          },
        ],
        reasoning_details: [signed, encrypted],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"expression":"6 * 7","result":42}' },
      { role: 'assistant', content: 'It is 42.' },
    ]);
    expect(messages[6]).toEqual({ role: 'tool', tool_call_id: 'call_2', content: 'Error: Division by zero' });
    expect(messages).toHaveLength(8);
  });
});
