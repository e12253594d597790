import { describe, expect, it } from 'vitest';
import type { ResponseMeta } from '../client/response-meta';
import type { WireChatResponse } from '../wire/chat';
import { chatResultFromResponse } from './chat-result-from-response';

const meta: ResponseMeta = { status: 200, headers: {}, generationId: 'gen-header', url: 'u', attempts: 1 };

const response = (message: Record<string, unknown>, extra: Record<string, unknown> = {}): WireChatResponse =>
  ({
    id: 'gen-1',
    object: 'chat.completion',
    created: 1760000000,
    model: 'anthropic/claude-sonnet-4.5',
    provider: 'Anthropic',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, ...message },
        finish_reason: 'tool_calls',
        native_finish_reason: 'tool_use',
      },
    ],
    usage: {
      prompt_tokens: 10,
      completion_tokens: 20,
      total_tokens: 30,
      cost: 0.01,
      completion_tokens_details: { reasoning_tokens: 7 },
    },
    ...extra,
  }) as WireChatResponse;

describe('chatResultFromResponse', () => {
  it('gives the same ChatResult shape as a stream: text, reasoning, details verbatim, tool calls, usage', () => {
    const details = [
      { type: 'reasoning.text', text: 'think', signature: 'sig', format: 'anthropic-claude-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'enc', id: 'toolu_1', index: 0 },
    ];
    const result = chatResultFromResponse(
      response({
        content: 'Calling tools.',
        reasoning: 'think',
        reasoning_details: details,
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
          { id: 'toolu_1', type: 'function', function: { name: 'b', arguments: { y: 2 } } },
          { id: '', type: 'function', function: { name: 'c', arguments: '' } },
        ],
        annotations: [
          { type: 'url_citation', url_citation: { url: 'https://a' } },
          { type: 'url_citation', url_citation: { url: 'https://a' } },
        ],
      }),
      meta,
    );
    expect(result).toEqual({
      generationId: 'gen-1',
      model: 'anthropic/claude-sonnet-4.5',
      provider: 'Anthropic',
      created: 1760000000,
      systemFingerprint: undefined,
      text: 'Calling tools.',
      refusal: undefined,
      reasoning: 'think',
      reasoningDetails: details,
      toolCalls: [
        { index: 0, id: 'toolu_1', name: 'a', arguments: '{"x":1}' },
        { index: 1, id: 'toolu_1_2', name: 'b', arguments: '{"y":2}' },
        { index: 2, id: 'call_2', name: 'c', arguments: '' },
      ],
      annotations: [{ type: 'url_citation', url_citation: { url: 'https://a' } }],
      images: [],
      logprobs: undefined,
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: expect.objectContaining({ inputTokens: 10, outputTokens: 20, reasoningTokens: 7, cost: 0.01 }),
      error: undefined,
      response: meta,
    });
  });

  it('captures a choice-level error and keeps partial content', () => {
    const result = chatResultFromResponse(
      {
        ...response({ content: 'partial' }),
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'partial' },
            finish_reason: 'error',
            error: { code: 502, message: 'Provider returned error' },
          },
        ],
      },
      meta,
    );
    expect(result).toMatchObject({
      text: 'partial',
      finishReason: 'error',
      error: { code: 502, message: 'Provider returned error' },
    });
  });

  it('handles content as text parts, a missing id (header generation id), legacy text choices and no choices', () => {
    const parts = chatResultFromResponse(
      {
        ...response({
          content: [{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'text', text: 'b' }],
        }),
        id: '',
      },
      meta,
    );
    expect(parts).toMatchObject({ text: 'ab', generationId: 'gen-header' });
    const legacy = chatResultFromResponse({
      id: 'gen-2',
      created: 1,
      model: 'm',
      choices: [{ index: 0, text: '1, 2, 3', finish_reason: 'length' }],
    } as unknown as WireChatResponse);
    expect(legacy).toMatchObject({ text: '1, 2, 3', finishReason: 'length', response: undefined });
    const empty = chatResultFromResponse({
      id: 'gen-3',
      created: 1,
      model: 'm',
      choices: [],
    } as WireChatResponse);
    expect(empty).toMatchObject({ text: '', toolCalls: [], finishReason: undefined, usage: undefined });
  });
});
