import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireChatChunk, WireChunkDelta, WireToolCallDelta } from '../wire/chat';
import type { WireReasoningDetail } from '../wire/reasoning-details';
import type { ChatDelta } from './chat-result';
import { ChatStreamAccumulator } from './chat-stream-accumulator';

const deltaChunk = (delta: WireChunkDelta, extra: Partial<WireChatChunk> = {}): WireChatChunk => ({
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});
const finishChunk = (reason: string, native?: string): WireChatChunk => ({
  choices: [{ index: 0, delta: {}, finish_reason: reason, native_finish_reason: native ?? null }],
});
const pushAll = (accumulator: ChatStreamAccumulator, chunks: readonly WireChatChunk[]): ChatDelta[] =>
  chunks.flatMap((chunk) => accumulator.push(chunk));
const toolFragment = (fragment: WireToolCallDelta): WireChatChunk => deltaChunk({ tool_calls: [fragment] });

describe('ChatStreamAccumulator', () => {
  describe('reasoning_details', () => {
    it('concatenates consecutive reasoning.text pieces of one index; a signature-only piece closes the entry', () => {
      const accumulator = new ChatStreamAccumulator();
      const text = (piece: Record<string, unknown>): WireChatChunk =>
        deltaChunk({
          reasoning_details: [{ type: 'reasoning.text', format: 'anthropic-claude-v1', ...piece }],
        });
      pushAll(accumulator, [
        text({ text: 'a', index: 0 }),
        text({ text: 'b', index: 0, id: 'rs_1' }),
        text({ signature: 'sig-0', index: 0 }),
        text({ text: 'c', index: 0 }),
        text({ text: 'd', index: 1 }),
      ]);
      expect(accumulator.result.reasoningDetails).toEqual([
        {
          type: 'reasoning.text',
          format: 'anthropic-claude-v1',
          text: 'ab',
          index: 0,
          id: 'rs_1',
          signature: 'sig-0',
        },
        { type: 'reasoning.text', format: 'anthropic-claude-v1', text: 'c', index: 0 },
        { type: 'reasoning.text', format: 'anthropic-claude-v1', text: 'd', index: 1 },
      ]);
    });

    it('keeps encrypted, summary and unknown types verbatim, in order, without duplicates', () => {
      const accumulator = new ChatStreamAccumulator();
      const encrypted: WireReasoningDetail = {
        type: 'reasoning.encrypted',
        data: 'enc',
        id: 'call_1',
        index: 0,
      };
      const unknown = { type: 'reasoning.server_tool_call', payload: { nested: [1, 2] }, index: 2 };
      const deltas = pushAll(accumulator, [
        deltaChunk({ reasoning_details: [{ type: 'reasoning.text', text: 'think', index: 0 }] }),
        deltaChunk({ reasoning_details: [encrypted, { type: 'reasoning.summary', summary: 'S', index: 1 }] }),
        deltaChunk({ reasoning_details: [unknown, encrypted] }),
        deltaChunk({ reasoning_details: [{ ...encrypted }] }),
      ]);
      expect(accumulator.result.reasoningDetails).toEqual([
        { type: 'reasoning.text', text: 'think', index: 0 },
        encrypted,
        { type: 'reasoning.summary', summary: 'S', index: 1 },
        unknown,
      ]);
      expect(accumulator.result.reasoningDetails[1]).toBe(encrypted);
      expect(deltas.filter((delta) => delta.type === 'reasoning-detail')).toHaveLength(4);
    });

    it('skips a signed entry echoed again after it was completed', () => {
      const accumulator = new ChatStreamAccumulator();
      pushAll(accumulator, [
        deltaChunk({ reasoning_details: [{ type: 'reasoning.text', text: 'full', index: 0 }] }),
        deltaChunk({ reasoning_details: [{ type: 'reasoning.text', signature: 's', index: 0 }] }),
        deltaChunk({
          reasoning_details: [{ type: 'reasoning.text', text: 'full', signature: 's', index: 0 }],
        }),
      ]);
      expect(accumulator.result.reasoningDetails).toEqual([
        { type: 'reasoning.text', text: 'full', index: 0, signature: 's' },
      ]);
    });
  });

  describe('tool calls', () => {
    it('waits for the name before starting a call, then replays the arguments received so far', () => {
      const accumulator = new ChatStreamAccumulator();
      const deltas = pushAll(accumulator, [
        toolFragment({ index: 0, id: 'call_a', function: { arguments: '{"x"' } }),
        toolFragment({ index: 0, function: { name: 'f', arguments: ':1}' } }),
      ]);
      expect(deltas).toEqual([
        { type: 'tool-call-start', index: 0, id: 'call_a', name: 'f' },
        { type: 'tool-call-delta', index: 0, id: 'call_a', argumentsDelta: '{"x":1}' },
      ]);
    });

    it('treats a reused index with a different id, or a different name, as a new call', () => {
      const accumulator = new ChatStreamAccumulator();
      pushAll(accumulator, [
        toolFragment({ index: 0, id: 'a', function: { name: 'f', arguments: '{}' } }),
        toolFragment({ index: 0, id: 'b', function: { name: 'f', arguments: '{"b":1}' } }),
        toolFragment({ index: 0, function: { name: 'g', arguments: '[]' } }),
        toolFragment({ index: 0, id: 'b', function: { arguments: '' } }),
      ]);
      expect(accumulator.result.toolCalls.map((call) => [call.id, call.name, call.arguments])).toEqual([
        ['a', 'f', '{}'],
        ['b', 'f', '{"b":1}'],
        ['call_2', 'g', '[]'],
      ]);
    });

    it('matches fragments without index by id, and repeats of id and name continue the call', () => {
      const accumulator = new ChatStreamAccumulator();
      pushAll(accumulator, [
        toolFragment({ id: 'x', function: { name: 'f', arguments: '{"a":' } }),
        toolFragment({ id: 'y', function: { name: 'g', arguments: '{}' } }),
        toolFragment({ id: 'x', function: { name: 'f', arguments: '1}' } }),
      ]);
      expect(accumulator.result.toolCalls.map((call) => [call.id, call.arguments])).toEqual([
        ['x', '{"a":1}'],
        ['y', '{}'],
      ]);
    });

    it('stringifies arguments sent as objects and closes unnamed calls at the end', () => {
      const accumulator = new ChatStreamAccumulator();
      accumulator.push(
        toolFragment({
          index: 0,
          id: 'o',
          function: { name: 'f', arguments: { a: 1 } as unknown as string },
        }),
      );
      accumulator.push(toolFragment({ index: 1, function: { arguments: '{}' } }));
      expect(accumulator.end()).toEqual([
        { type: 'tool-call-end', toolCall: { index: 0, id: 'o', name: 'f', arguments: '{"a":1}' } },
        { type: 'tool-call-start', index: 1, id: 'call_1', name: '' },
        { type: 'tool-call-delta', index: 1, id: 'call_1', argumentsDelta: '{}' },
        { type: 'tool-call-end', toolCall: { index: 1, id: 'call_1', name: '', arguments: '{}' } },
      ]);
      expect(accumulator.end()).toEqual([]);
    });

    it('keeps fragments that arrive after the finish in the result without reopening the call', () => {
      const accumulator = new ChatStreamAccumulator();
      accumulator.push(toolFragment({ index: 0, id: 'a', function: { name: 'f', arguments: '{"a":' } }));
      accumulator.push(finishChunk('tool_calls'));
      expect(accumulator.push(toolFragment({ index: 0, function: { arguments: '1}' } }))).toEqual([]);
      expect(accumulator.result.toolCalls[0]?.arguments).toBe('{"a":1}');
      expect(accumulator.end()).toEqual([]);
    });
  });

  describe('finish, usage and metadata', () => {
    it('keeps the first finish reason, reports it once, and takes native_finish_reason when it arrives', () => {
      const accumulator = new ChatStreamAccumulator();
      const deltas = pushAll(accumulator, [
        finishChunk('stop'),
        { choices: [{ index: 0, delta: {}, finish_reason: null, native_finish_reason: 'end_turn' }] },
        finishChunk('length'),
      ]);
      expect(deltas).toEqual([{ type: 'finish', finishReason: 'stop', nativeFinishReason: undefined }]);
      expect(accumulator.result).toMatchObject({ finishReason: 'stop', nativeFinishReason: 'end_turn' });
      expect(accumulator.isFinished).toBe(true);
    });

    it('takes usage once, from the first chunk that has it (empty or non-empty choices)', () => {
      const accumulator = new ChatStreamAccumulator();
      const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.001 };
      const deltas = pushAll(accumulator, [
        { choices: [], usage: null },
        { choices: [], usage },
        { ...finishChunk('stop'), usage: { ...usage, total_tokens: 99 } },
      ]);
      expect(deltas.filter((delta) => delta.type === 'usage')).toHaveLength(1);
      expect(accumulator.result.usage).toMatchObject({
        inputTokens: 10,
        outputTokens: 5,
        totalTokens: 15,
        cost: 0.001,
      });
    });

    it('reports metadata once, fills fields that arrive later, and falls back to the response generation id', () => {
      const accumulator = new ChatStreamAccumulator();
      accumulator.setResponse({
        status: 200,
        headers: {},
        generationId: 'gen-header',
        url: 'u',
        attempts: 1,
      });
      expect(accumulator.result.generationId).toBe('gen-header');
      const deltas = pushAll(accumulator, [
        { model: 'm', created: 1, choices: [] },
        { model: 'other', provider: 'P', id: 'gen-chunk', choices: [] },
      ]);
      expect(deltas).toEqual([
        { type: 'metadata', generationId: undefined, model: 'm', provider: undefined, created: 1 },
      ]);
      expect(accumulator.result).toMatchObject({
        model: 'm',
        provider: 'P',
        generationId: 'gen-chunk',
        created: 1,
      });
    });
  });

  it('accumulates text, refusal, annotations (deduplicated), images and logprobs', () => {
    const accumulator = new ChatStreamAccumulator();
    const citation = { type: 'url_citation', url_citation: { url: 'https://a.example' } };
    const token = (text: string) => ({ token: text, logprob: -1 });
    pushAll(accumulator, [
      {
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: 'He' },
            finish_reason: null,
            logprobs: { content: [token('He')] },
          },
        ],
      },
      {
        choices: [
          {
            index: 0,
            delta: { content: 'llo', annotations: [citation] },
            finish_reason: null,
            logprobs: { content: [token('llo')], refusal: [token('r')] },
          },
        ],
      },
      deltaChunk({
        annotations: [{ ...citation }],
        images: [{ type: 'image_url', image_url: { url: 'data:,' } }],
      }),
      deltaChunk({ refusal: 'No' }),
      deltaChunk({ refusal: '.' }),
    ]);
    const result = accumulator.result;
    expect(result.text).toBe('Hello');
    expect(result.refusal).toBe('No.');
    expect(result.annotations).toEqual([citation]);
    expect(result.images).toHaveLength(1);
    expect(result.logprobs).toEqual({ content: [token('He'), token('llo')], refusal: [token('r')] });
  });

  it('captures top-level and choice-level errors (the first one)', () => {
    const accumulator = new ChatStreamAccumulator();
    accumulator.push({
      choices: [{ index: 0, delta: {}, finish_reason: 'error', error: { code: 502, message: 'first' } }],
    });
    accumulator.push({ error: { code: 500, message: 'second' } });
    expect(accumulator.result.error).toEqual({ code: 502, message: 'first' });
  });

  it('accumulates only choice 0 and treats legacy `text` choices as content', () => {
    const accumulator = new ChatStreamAccumulator();
    pushAll(accumulator, [
      { choices: [{ index: 1, delta: { content: 'other' }, finish_reason: null }] },
      {
        choices: [
          { index: 1, delta: { content: 'x' }, finish_reason: null },
          { index: 0, delta: { content: 'mine' }, finish_reason: null },
        ],
      },
      { choices: [{ index: 0, text: ' legacy', finish_reason: null } as never] },
    ]);
    expect(accumulator.result.text).toBe('mine legacy');
  });

  it('returns independent snapshots', () => {
    const accumulator = new ChatStreamAccumulator();
    accumulator.push(
      deltaChunk({ content: 'a', reasoning_details: [{ type: 'reasoning.text', text: 'r', index: 0 }] }),
    );
    accumulator.push(toolFragment({ index: 0, id: 't', function: { name: 'f', arguments: '{' } }));
    const before = accumulator.result;
    accumulator.push(
      deltaChunk({
        content: 'b',
        reasoning_details: [{ type: 'reasoning.text', text: 's', signature: 'z', index: 0 }],
      }),
    );
    accumulator.push(toolFragment({ index: 0, function: { arguments: '}' } }));
    expect(before.text).toBe('a');
    expect(before.reasoningDetails).toEqual([{ type: 'reasoning.text', text: 'r', index: 0 }]);
    expect(before.toolCalls[0]?.arguments).toBe('{');
    expect(accumulator.result.reasoningDetails).toEqual([
      { type: 'reasoning.text', text: 'rs', index: 0, signature: 'z' },
    ]);
  });

  it('ignores role-only deltas and never throws on odd shapes', () => {
    const accumulator = new ChatStreamAccumulator();
    const odd = [
      deltaChunk({ role: 'assistant' }),
      { choices: null },
      { choices: [null] },
      { choices: [{ index: 0, delta: 5 }] },
      {
        choices: [
          { index: 0, delta: { tool_calls: {}, reasoning_details: [null, 3], annotations: 'x', content: 7 } },
        ],
      },
      { choices: [{ index: 0, delta: { tool_calls: [null, { function: null }] } }] },
      { usage: 'x', error: 3 },
    ] as unknown as WireChatChunk[];
    expect(() => pushAll(accumulator, odd)).not.toThrow();
    expect(accumulator.result.text).toBe('');
  });

  describe('properties', () => {
    /** Splits text into `count` pieces at arbitrary code-unit positions (may split surrogate pairs: they are rejoined). */
    const splitText = (text: string, cuts: readonly number[]): string[] => {
      const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
      const pieces: string[] = [];
      let start = 0;
      for (const position of positions) {
        pieces.push(text.slice(start, position));
        start = position;
      }
      pieces.push(text.slice(start));
      return pieces.filter((piece) => piece !== '');
    };
    const cuts = fc.array(fc.nat(), { maxLength: 12 });

    it('any fragmenting of text, reasoning and tool arguments gives the same result', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.array(
            fc.record({
              name: fc.string({ minLength: 1, maxLength: 8 }),
              arguments: fc.json({ maxDepth: 2 }),
            }),
            {
              maxLength: 3,
            },
          ),
          cuts,
          cuts,
          fc.array(cuts, { minLength: 3, maxLength: 3 }),
          fc.boolean(),
          (text, reasoning, calls, textCuts, reasoningCuts, argumentCuts, withIndex) => {
            const chunks: WireChatChunk[] = [];
            for (const piece of splitText(reasoning, reasoningCuts)) {
              chunks.push(
                deltaChunk({
                  reasoning: piece,
                  reasoning_details: [{ type: 'reasoning.text', text: piece, index: 0 }],
                }),
              );
            }
            chunks.push(
              deltaChunk({ reasoning_details: [{ type: 'reasoning.text', signature: 'sig', index: 0 }] }),
            );
            for (const piece of splitText(text, textCuts))
              chunks.push(deltaChunk({ role: 'assistant', content: piece }));
            calls.forEach((call, position) => {
              const pieces = splitText(call.arguments, argumentCuts[position] ?? []);
              chunks.push(
                toolFragment({
                  index: position,
                  id: `call_${position}_x`,
                  type: 'function',
                  function: { name: call.name, arguments: pieces[0] ?? '' },
                }),
              );
              for (const piece of pieces.slice(1)) {
                chunks.push(
                  toolFragment(
                    withIndex
                      ? { index: position, function: { arguments: piece } }
                      : { function: { arguments: piece } },
                  ),
                );
              }
            });
            chunks.push(finishChunk(calls.length > 0 ? 'tool_calls' : 'stop'));

            const accumulator = new ChatStreamAccumulator();
            const deltas = pushAll(accumulator, chunks);
            deltas.push(...accumulator.end());
            const result = accumulator.result;
            expect(result.text).toBe(text);
            expect(result.reasoning).toBe(reasoning);
            expect(result.reasoningDetails).toEqual([
              reasoning === ''
                ? { type: 'reasoning.text', signature: 'sig', index: 0 }
                : { type: 'reasoning.text', text: reasoning, signature: 'sig', index: 0 },
            ]);
            expect(result.toolCalls).toEqual(
              calls.map((call, index) => ({
                index,
                id: `call_${index}_x`,
                name: call.name,
                arguments: call.arguments,
              })),
            );
            // The deltas tell the same story as the result.
            const textDeltas = deltas.flatMap((delta) => (delta.type === 'text' ? [delta.text] : []));
            expect(textDeltas.join('')).toBe(text);
            const ends = deltas.flatMap((delta) => (delta.type === 'tool-call-end' ? [delta.toolCall] : []));
            expect(ends).toEqual(result.toolCalls);
            for (const call of result.toolCalls) {
              const argumentDeltas = deltas.flatMap((delta) =>
                delta.type === 'tool-call-delta' && delta.index === call.index ? [delta.argumentsDelta] : [],
              );
              expect(argumentDeltas.join('')).toBe(call.arguments);
            }
            expect(deltas.filter((delta) => delta.type === 'finish')).toHaveLength(1);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
