import type { AIMessageChunk } from '@langchain/core/messages';
import { concat } from '@langchain/core/utils/stream';
import type { ChatDelta, ChatResult } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { mapDeltasToChunk, mapFinalChunk } from './map-delta-to-chunk';

const DETAILS = [
  { type: 'reasoning.text', text: 'Think. More.', signature: 'sig', format: 'anthropic-claude-v1', index: 0 },
];

const RESULT: ChatResult = {
  generationId: 'gen-1',
  model: 'anthropic/claude-sonnet-4.6',
  provider: 'Anthropic',
  created: 1,
  systemFingerprint: undefined,
  text: 'Hi there',
  refusal: undefined,
  reasoning: 'Think. More.',
  reasoningDetails: DETAILS,
  toolCalls: [{ index: 0, id: 'call_1', name: 'add', arguments: '{"a":1,"b":2}' }],
  annotations: [],
  images: [],
  logprobs: undefined,
  finishReason: 'tool_calls',
  nativeFinishReason: 'tool_use',
  usage: {
    inputTokens: 10,
    cacheReadTokens: 4,
    cacheWriteTokens: 2,
    outputTokens: 7,
    reasoningTokens: 3,
    totalTokens: 17,
    cost: 0.0012,
    isByok: false,
    upstreamCost: undefined,
    raw: { prompt_tokens: 10, completion_tokens: 7, total_tokens: 17, cost: 0.0012 },
  },
  error: undefined,
  response: undefined,
};

const STREAM: ChatDelta[][] = [
  [
    {
      type: 'metadata',
      generationId: 'gen-1',
      model: 'anthropic/claude-sonnet-4.6',
      provider: 'Anthropic',
      created: 1,
    },
    { type: 'reasoning', text: 'Think.' },
  ],
  [
    { type: 'reasoning', text: ' More.' },
    { type: 'reasoning-detail', detail: DETAILS[0] as never },
  ],
  [{ type: 'text', text: 'Hi' }],
  [{ type: 'text', text: ' there' }],
  [
    { type: 'tool-call-start', index: 0, id: 'call_1', name: 'add' },
    { type: 'tool-call-delta', index: 0, id: 'call_1', argumentsDelta: '{"a":1,' },
  ],
  [{ type: 'tool-call-delta', index: 0, id: 'call_1', argumentsDelta: '"b":2}' }],
  [{ type: 'finish', finishReason: 'tool_calls', nativeFinishReason: 'tool_use' }],
];

describe('mapDeltasToChunk', () => {
  it('skips chunks that change nothing LangChain streams', () => {
    expect(
      mapDeltasToChunk([[{ type: 'finish', finishReason: 'stop', nativeFinishReason: undefined }]], 'gen-1'),
    ).toBeUndefined();
  });

  it('merges several wire chunks into one message chunk, joining fragments of the same tool call', () => {
    const merged = mapDeltasToChunk(STREAM.slice(2, 6), 'gen-1');
    expect(merged?.content).toBe('Hi there');
    expect(merged?.tool_call_chunks).toEqual([
      { type: 'tool_call_chunk', index: 0, id: 'call_1', name: 'add', args: '{"a":1,"b":2}' },
    ]);
  });

  it('concatenates into one message with every field exactly once', () => {
    const chunks = STREAM.map((deltas) => mapDeltasToChunk([deltas], 'gen-1')).filter(
      (chunk): chunk is AIMessageChunk => chunk !== undefined,
    );
    expect(chunks[2]?.tool_call_chunks).toEqual([]);
    expect(chunks[4]?.tool_call_chunks).toEqual([
      { type: 'tool_call_chunk', index: 0, id: 'call_1', name: 'add', args: '{"a":1,' },
    ]);
    const full = [...chunks, mapFinalChunk(RESULT, undefined)].reduce((left, right) => concat(left, right));
    expect(full.content).toBe('Hi there');
    expect(full.id).toBe('gen-1');
    expect(full.additional_kwargs.reasoning_content).toBe('Think. More.');
    expect(full.additional_kwargs.reasoning_details).toEqual(DETAILS);
    expect(full.tool_calls).toEqual([{ type: 'tool_call', id: 'call_1', name: 'add', args: { a: 1, b: 2 } }]);
    expect(full.usage_metadata).toEqual({
      input_tokens: 10,
      output_tokens: 7,
      total_tokens: 17,
      input_token_details: { cache_read: 4, cache_creation: 2 },
      output_token_details: { reasoning: 3 },
    });
    expect(full.response_metadata).toMatchObject({
      model_provider: 'openrouter',
      model: 'anthropic/claude-sonnet-4.6',
      provider: 'Anthropic',
      generation_id: 'gen-1',
      finish_reason: 'tool_calls',
      native_finish_reason: 'tool_use',
      cost: 0.0012,
      is_byok: false,
    });
    expect(full.contentBlocks).toEqual([
      { type: 'reasoning', reasoning: 'Think. More.' },
      { type: 'text', text: 'Hi there' },
      { type: 'tool_call', id: 'call_1', name: 'add', args: { a: 1, b: 2 } },
    ]);
  });
});
