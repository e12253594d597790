import { describe, expect, it } from 'vitest';
import type { ResponseMeta } from '../client/response-meta';
import { ResponseParseError } from '../errors/response-parse-error';
import { StreamError } from '../errors/stream-error';
import { StreamTruncatedError } from '../errors/stream-truncated-error';
import { decodeChatEvents, describeEvents } from '../test-utils/describe-chat-events';
import { loadFixture } from '../test-utils/load-fixture';
import { expectSameForEverySplit } from '../test-utils/resplit';
import type { ChatDelta, ChatResult } from './chat-result';
import type { ChatStreamEvent } from './chat-stream-event';
import { createChatEventDecoder } from './create-chat-event-decoder';

const response: ResponseMeta = {
  status: 200,
  headers: { 'content-type': 'text/event-stream', 'x-generation-id': 'gen-from-header' },
  generationId: 'gen-from-header',
  url: 'http://127.0.0.1/api/v1/chat/completions',
  attempts: 1,
};

/** Decodes a fixture at every byte boundary (or random ones when large) and returns the unsplit events. */
function decodeFixture(name: string): ChatStreamEvent[] {
  const bytes = loadFixture('stream', name);
  expectSameForEverySplit(bytes, (pieces) => describeEvents(decodeChatEvents(pieces, { response })));
  return decodeChatEvents([bytes], { response });
}

const deltasOf = (events: readonly ChatStreamEvent[]): ChatDelta[] =>
  events.flatMap((event) => (event.type === 'chunk' ? event.deltas : []));

function endResult(events: readonly ChatStreamEvent[]): ChatResult {
  const last = events.at(-1);
  expect(last?.type).toBe('end');
  return (last as Extract<ChatStreamEvent, { type: 'end' }>).result;
}

function errorOf(events: readonly ChatStreamEvent[]): Extract<ChatStreamEvent, { type: 'error' }>['error'] {
  const last = events.at(-1);
  expect(last?.type).toBe('error');
  expect(events.filter((event) => event.type === 'error' || event.type === 'end')).toHaveLength(1);
  return (last as Extract<ChatStreamEvent, { type: 'error' }>).error;
}

describe('createChatEventDecoder on recorded streams', () => {
  it('claude-reasoning-tools: reasoning merged with its signature, text, one tool call, usage once', () => {
    const events = decodeFixture('claude-reasoning-tools.sse');
    expect(events.filter((event) => event.type === 'ping')).toHaveLength(3);
    const result = endResult(events);
    expect(result.reasoning).toBe(
      'The user wants the weather in Zürich. I should call the get_weather tool.',
    );
    expect(result.reasoningDetails).toEqual([
      {
        type: 'reasoning.text',
        text: 'The user wants the weather in Zürich. I should call the get_weather tool.',
        signature: 'EqoBCkgIBxABGAIiQL2sig/abc+def==',
        format: 'anthropic-claude-v1',
        index: 0,
      },
    ]);
    expect(result.text).toBe('Let me check the weather for you.');
    expect(result.toolCalls).toEqual([
      {
        index: 0,
        id: 'toolu_01A09q90qw90lq917835lq9',
        name: 'get_weather',
        arguments: '{"location": "Zürich", "unit": "celsius"}',
      },
    ]);
    expect(result).toMatchObject({
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      provider: 'Anthropic',
      model: 'anthropic/claude-4.5-sonnet-20250929',
      generationId: 'gen-1760000001-claudeReasonTools',
      response,
    });
    expect(result.usage).toMatchObject({
      inputTokens: 412,
      outputTokens: 96,
      reasoningTokens: 31,
      cost: 0.002676,
    });
    const types = deltasOf(events).map((delta) => delta.type);
    expect(types.filter((type) => type === 'metadata')).toHaveLength(1);
    expect(types.filter((type) => type === 'usage')).toHaveLength(1);
    expect(types.filter((type) => type === 'finish')).toHaveLength(1);
    // The tool call ends before the finish is reported.
    expect(types.slice(types.indexOf('tool-call-start'))).toEqual([
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
      'usage',
    ]);
  });

  it('gemini-thought-signatures: encrypted signature kept verbatim once, tied to its tool call id', () => {
    const result = endResult(decodeFixture('gemini-thought-signatures.sse'));
    expect(result.reasoningDetails).toEqual([
      {
        type: 'reasoning.text',
        text: '**Planning the lookup**\n\nI need the current time in Tōkyō (東京).',
        format: 'google-gemini-v1',
        index: 0,
      },
      {
        type: 'reasoning.encrypted',
        data: 'CiQB0e2Kb3RoZXItc2lnbmF0dXJlLWJ5dGVz/thought+sig==',
        id: 'tool_get_time_8Hq2',
        format: 'google-gemini-v1',
        index: 0,
      },
    ]);
    expect(result.toolCalls.map((call) => [call.id, call.arguments])).toEqual([
      ['tool_get_time_8Hq2', '{"city":"Tokyo"}'],
      ['tool_get_time_9Zk4', '{"city":"Osaka"}'],
    ]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.nativeFinishReason).toBe('STOP');
    // Usage arrives on a chunk with non-empty choices and finish_reason null: taken, finish kept.
    expect(result.usage?.reasoningTokens).toBe(118);
  });

  it('usage-only-final-chunk: usage from the chunk with empty choices', () => {
    const events = decodeFixture('usage-only-final-chunk.sse');
    const result = endResult(events);
    expect(result.text).toBe('Hello! How can I help you today?');
    expect(result.usage).toMatchObject({
      inputTokens: 12,
      outputTokens: 9,
      totalTokens: 21,
      cost: 0.0000072,
    });
    expect(deltasOf(events).filter((delta) => delta.type === 'usage')).toHaveLength(1);
  });

  it('usage-with-stop-repeated: a later null keeps the finish, a repeated stop is not a second finish', () => {
    const events = decodeFixture('usage-with-stop-repeated.sse');
    const result = endResult(events);
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.totalTokens).toBe(27);
    const deltas = deltasOf(events);
    expect(deltas.filter((delta) => delta.type === 'finish')).toHaveLength(1);
    expect(deltas.filter((delta) => delta.type === 'usage')).toHaveLength(1);
  });

  it('mid-stream-error: a StreamError with status, provider, the real message and the partial text', () => {
    const events = decodeFixture('mid-stream-error.sse');
    const error = errorOf(events);
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 502,
      code: 502,
      errorType: 'provider_error',
      providerName: 'Anthropic',
      message: 'Provider returned error (Anthropic): Overloaded',
    });
    expect(error.partial?.text).toBe('Once upon a time');
    expect(error.partial?.error?.code).toBe(502);
    expect(error.generationId).toBe('gen-from-header');
    // The `[DONE]` after the error is ignored.
    expect(events.at(-1)?.type).toBe('error');
  });

  it('error-only-chunk: `{error}` without id or choices is a StreamError with the numeric code', () => {
    const error = errorOf(decodeFixture('error-only-chunk.sse'));
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 429,
      code: 429,
      message: 'Rate limit exceeded: free-models-per-min',
    });
    expect(error.partial?.text).toBe('Partial answer');
  });

  it('string-error-code: a string code is kept as code, without a status', () => {
    const error = errorOf(decodeFixture('string-error-code.sse'));
    expect(error).toMatchObject({
      name: 'StreamError',
      code: 'server_error',
      status: undefined,
      providerName: 'xAI',
      providerCode: 'ECONNRESET',
      message: 'Upstream connection reset',
    });
  });

  it('finish-error-without-error: finish_reason "error" alone is a StreamError', () => {
    const error = errorOf(decodeFixture('finish-error-without-error.sse'));
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/finish_reason "error"/);
    expect(error.partial).toMatchObject({ text: 'Half', finishReason: 'error', provider: 'Azure' });
  });

  it('choice-level-error: the choice error becomes a StreamError; its content and usage are kept', () => {
    const events = decodeFixture('choice-level-error.sse');
    const error = errorOf(events);
    expect(error).toMatchObject({
      name: 'StreamError',
      status: 502,
      providerName: 'Google',
      message: 'Provider returned error (Google): Internal error encountered.',
    });
    expect(error.partial).toMatchObject({
      text: 'Some text more',
      nativeFinishReason: 'MALFORMED_FUNCTION_CALL',
    });
    expect(error.partial?.usage?.inputTokens).toBe(30);
  });

  it('truncated: EOF before any finish is a StreamTruncatedError with the partial result', () => {
    const error = errorOf(decodeFixture('truncated.sse'));
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
    expect(error.message).toBe('The stream ended before a finish reason arrived');
    expect(error.partial).toMatchObject({
      text: 'This answer never finishes',
      toolCalls: [{ index: 0, id: 'call_trunc', name: 'search', arguments: '{"q":' }],
      finishReason: undefined,
    });
  });

  it('truncated-mid-event: an event cut by EOF is a truncation, not a parse error', () => {
    const error = errorOf(decodeFixture('truncated-mid-event.sse'));
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
    expect(error.message).toContain('its last event was cut off');
    expect(error.partial?.text).toBe('Cut ');
  });

  it('eof-after-finish: EOF after a finish reason (no [DONE]) is a successful end', () => {
    const result = endResult(decodeFixture('eof-after-finish.sse'));
    expect(result).toMatchObject({ text: 'Done.', finishReason: 'stop', usage: undefined });
  });

  it('keepalives-crlf: CRLF, `data:` without a space, keep-alives between events become pings', () => {
    const events = decodeFixture('keepalives-crlf.sse');
    expect(events.filter((event) => event.type === 'ping')).toEqual(
      Array.from({ length: 6 }, () => ({ type: 'ping', comment: 'OPENROUTER PROCESSING' })),
    );
    expect(endResult(events).text).toBe('Bonjour à tous !');
  });

  it('bom-cr: a BOM and CR-only line ends', () => {
    const result = endResult(decodeFixture('bom-cr.sse'));
    expect(result).toMatchObject({ text: 'CR only lines', finishReason: 'stop' });
    expect(result.usage?.totalTokens).toBe(6);
  });

  it('multibyte: text split inside UTF-8 sequences is reassembled exactly', () => {
    const result = endResult(decodeFixture('multibyte.sse'));
    expect(result.text).toBe(
      '日本語のテキスト 🇯🇵 — naïve café 👩‍👩‍👧‍👦 family Ω≈ç√∫ 𝕳𝖊𝖑𝖑𝖔 e\u0301 (combining)',
    );
  });

  it('debug-echo: a first chunk with `choices: []` and `debug` is not an error', () => {
    const events = decodeFixture('debug-echo.sse');
    const first = events[0];
    expect(first?.type === 'chunk' && first.chunk.debug).toBeTruthy();
    expect(endResult(events).text).toBe('Hi there');
  });

  it('parallel-tool-calls: interleaved fragments without ids go to their index', () => {
    const events = decodeFixture('parallel-tool-calls.sse');
    expect(endResult(events).toolCalls).toEqual([
      { index: 0, id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { index: 1, id: 'call_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
      { index: 2, id: 'call_time', name: 'get_time', arguments: '{}' },
    ]);
    const ends = deltasOf(events).filter((delta) => delta.type === 'tool-call-end');
    expect(ends.map((delta) => delta.toolCall.id)).toEqual(['call_paris', 'call_rome', 'call_time']);
  });

  it('reused-tool-call-ids: empty and reused ids become unique; fragments without index continue the last call', () => {
    const result = endResult(decodeFixture('reused-tool-call-ids.sse'));
    expect(result.toolCalls).toEqual([
      { index: 0, id: 'call_0', name: 'lookup', arguments: '{"id":1}' },
      { index: 1, id: 'call_1', name: 'lookup', arguments: '{"id":2}' },
      { index: 2, id: 'dup', name: 'lookup', arguments: '{"id":3}' },
      { index: 3, id: 'dup_2', name: 'lookup', arguments: '{"id":4}' },
      { index: 4, id: 'call_0_2', name: 'other', arguments: '{}' },
    ]);
    expect(new Set(result.toolCalls.map((call) => call.id)).size).toBe(5);
  });

  it('malformed-chunk: an invalid payload is a ResponseParseError with the partial result; nothing after it', () => {
    const events = decodeFixture('malformed-chunk.sse');
    const error = errorOf(events);
    expect(ResponseParseError.isInstance(error) && error.kind).toBe('invalid-json');
    expect(error.message.length).toBeLessThan(300);
    expect(error.partial?.text).toBe('Valid start');
    expect(
      events.some((event) => event.type === 'chunk' && JSON.stringify(event.chunk).includes('never seen')),
    ).toBe(false);
  });

  it('annotations: identical citations are kept once', () => {
    const events = decodeFixture('annotations.sse');
    const result = endResult(events);
    expect(
      result.annotations.map(
        (annotation) => (annotation as { url_citation: { url: string } }).url_citation.url,
      ),
    ).toEqual(['https://example.com/a', 'https://example.com/b']);
    expect(deltasOf(events).filter((delta) => delta.type === 'annotation')).toHaveLength(2);
  });

  it('legacy-completion: `choices[].text` chunks accumulate as text', () => {
    const result = endResult(decodeFixture('legacy-completion.sse'));
    expect(result).toMatchObject({ text: '1, 2, 3, 4', finishReason: 'length' });
    expect(result.usage?.totalTokens).toBe(13);
  });

  it('images-logprobs-refusal: images, merged logprobs and refusal text', () => {
    const result = endResult(decodeFixture('images-logprobs-refusal.sse'));
    expect(result.images).toHaveLength(1);
    expect(result.logprobs?.content?.map((entry) => entry.token)).toEqual(['Here', ' it is']);
    expect(result.refusal).toBe("I can't draw faces.");
    expect(result.text).toBe('Here it is');
  });

  it('long-reasoning (238 kB, random boundaries): 300 reasoning fragments merge into one signed entry', () => {
    const events = decodeFixture('long-reasoning.sse');
    const result = endResult(events);
    expect(result.reasoningDetails.map((detail) => detail.type)).toEqual([
      'reasoning.text',
      'reasoning.encrypted',
    ]);
    expect((result.reasoningDetails[0] as { text: string }).text).toBe(result.reasoning);
    expect((result.reasoningDetails[0] as { signature: string }).signature).toMatch(/^ErUBCkYIBRgCIkA/);
    expect(JSON.parse(result.toolCalls[0]?.arguments ?? '')).toMatchObject({ path: 'notes/résumé.md' });
    expect(result.usage).toMatchObject({
      cacheReadTokens: 4096,
      cacheWriteTokens: 1000,
      reasoningTokens: 1500,
    });
  });
});

describe('createChatEventDecoder behaviour', () => {
  const encoder = new TextEncoder();
  const bytes = (text: string): Uint8Array => encoder.encode(text);
  const event = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

  it('closes open tool calls at [DONE] when no finish reason arrived', () => {
    const events = decodeChatEvents([
      bytes(
        event({
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{}' } }] },
            },
          ],
        }),
      ),
      bytes('data: [DONE]\n\n'),
    ]);
    expect(events.map((item) => item.type)).toEqual(['chunk', 'chunk', 'end']);
    expect(events[1]).toEqual({
      type: 'chunk',
      chunk: {},
      deltas: [{ type: 'tool-call-end', toolCall: { index: 0, id: 'a', name: 'f', arguments: '{}' } }],
    });
  });

  it('treats a non-object payload as unexpected-shape', () => {
    const events = decodeChatEvents([bytes('data: [1,2]\n\n')]);
    const error = errorOf(events);
    expect(ResponseParseError.isInstance(error) && error.kind).toBe('unexpected-shape');
  });

  it('turns an oversized event into a ResponseParseError event with the partial result', () => {
    const events = decodeChatEvents(
      [
        bytes(event({ choices: [{ index: 0, delta: { content: 'ok' } }] })),
        bytes(`data: "${'x'.repeat(200)}`),
      ],
      { maxEventBytes: 100 },
    );
    const error = errorOf(events);
    expect(ResponseParseError.isInstance(error) && error.kind).toBe('event-too-large');
    expect(error.partial?.text).toBe('ok');
  });

  it('ignores empty data events and input after the terminal event', () => {
    const seen: ChatStreamEvent[] = [];
    const decoder = createChatEventDecoder({ onEvent: (item) => seen.push(item) });
    decoder.feed(bytes('data:\n\ndata: [DONE]\n\n'));
    expect(decoder.finished).toBe(true);
    decoder.feed(bytes(event({ choices: [] })));
    decoder.end();
    expect(seen.map((item) => item.type)).toEqual(['end']);
  });

  it('fail() ends the stream with the given error and the partial result', () => {
    const seen: ChatStreamEvent[] = [];
    const decoder = createChatEventDecoder({ onEvent: (item) => seen.push(item) });
    decoder.feed(bytes(event({ choices: [{ index: 0, delta: { content: 'so far' } }] })));
    decoder.fail((partial) => new StreamError({ message: 'reset', partial }));
    decoder.end();
    expect(seen.map((item) => item.type)).toEqual(['chunk', 'error']);
    expect(errorOf(seen).partial?.text).toBe('so far');
  });

  it('reports an empty body as truncated', () => {
    const error = errorOf(decodeChatEvents([]));
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
  });

  it('passes bytes through without keeping them: feeding a reused buffer gives the same result', () => {
    const text = event({
      id: 'gen-1',
      choices: [{ index: 0, delta: { content: 'héllo wörld' }, finish_reason: 'stop' }],
    });
    const all = bytes(text);
    const seen: ChatStreamEvent[] = [];
    const decoder = createChatEventDecoder({ onEvent: (item) => seen.push(item) });
    const buffer = new Uint8Array(7);
    for (let start = 0; start < all.length; start += 7) {
      const piece = all.subarray(start, start + 7);
      buffer.set(piece);
      decoder.feed(buffer.subarray(0, piece.length));
      buffer.fill(0); // the caller reuses its buffer
    }
    decoder.end();
    expect(endResult(seen).text).toBe('héllo wörld');
  });
});
