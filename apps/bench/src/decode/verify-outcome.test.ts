import { describe, expect, it } from 'vitest';
import { generateOpenRouterStream } from '../stream/generate-openrouter-stream';
import { verifyOutcome } from './verify-outcome';

const stream = generateOpenRouterStream({ chunkCount: 100 });
const { expected } = stream;
const perfect = {
  items: 10,
  text: expected.text,
  reasoning: expected.reasoning,
  toolCalls: expected.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
  finishReason: 'tool-calls',
  outputTokens: expected.usage.completionTokens,
};

describe('verifyOutcome', () => {
  it('accepts a complete, exact outcome (tool arguments compared as JSON)', () => {
    const reformatted = perfect.toolCalls.map((call) => ({
      ...call,
      arguments: JSON.stringify(JSON.parse(call.arguments), null, 1),
    }));
    expect(verifyOutcome({ ...perfect, toolCalls: reformatted }, stream, 'ours')).toEqual([]);
  });

  it('names every difference', () => {
    const problems = verifyOutcome(
      { items: 3, text: 'x', toolCalls: [], outputTokens: 1, finishReason: 'stop' },
      stream,
      'peer',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^text differs/),
      '0 tool calls, expected 2',
      'finish reason stop, expected tool calls',
      expect.stringMatching(/^output tokens 1/),
    ]);
  });

  it('requires text, tool calls and usage from adapters', () => {
    expect(verifyOutcome({ items: 1 }, stream, 'ours')).toEqual([
      'reported no text',
      'reported no tool calls',
      'reported no usage (output tokens)',
    ]);
  });

  it('requires the floor and baselines to see every chunk', () => {
    expect(verifyOutcome({ items: stream.chunkCount }, stream, 'floor')).toEqual([]);
    expect(verifyOutcome({ items: stream.chunkCount - 1 }, stream, 'baseline')).toHaveLength(1);
  });
});
