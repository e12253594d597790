import fc from 'fast-check';
import { lineText } from './sse-stream-arbitrary';

/** A generated OpenRouter chat stream: its JSON chunks and what accumulating them must give. */
export type ChatStreamCase = {
  chunks: Array<Record<string, unknown>>;
  expectedText: string;
  expectedReasoning: string;
  expectedToolCalls: Array<{ id: string; name: string; arguments: string }>;
  promptTokens: number;
  completionTokens: number;
};

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'tool'; index: number; fragment: string };

const base = {
  id: 'gen-1790000000-fuzzfuzzfuzzfuzzfuzz',
  object: 'chat.completion.chunk',
  created: 1_790_000_000,
  model: 'openai/gpt-4o-mini',
  provider: 'OpenAI',
};

function chunkOf(
  delta: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...base,
    choices: [
      { index: 0, delta: { role: 'assistant', ...delta }, finish_reason: null, native_finish_reason: null },
    ],
    ...extra,
  };
}

/**
 * Valid chat streams as OpenRouter sends them: text and reasoning deltas with multi-byte text,
 * 0–2 tool calls whose arguments arrive in fragments (interleaved), a finish chunk, a usage chunk.
 */
export const chatStreamCase: fc.Arbitrary<ChatStreamCase> = fc
  .record({
    pieces: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: lineText.map((text) => ({ kind: 'text' as const, text })) },
        { weight: 1, arbitrary: lineText.map((text) => ({ kind: 'reasoning' as const, text })) },
      ),
      { maxLength: 25 },
    ),
    tools: fc.array(fc.array(lineText, { minLength: 1, maxLength: 5 }), { maxLength: 2 }),
    toolOrder: fc.array(fc.nat(), { maxLength: 10 }),
    promptTokens: fc.integer({ min: 1, max: 5000 }),
    completionTokens: fc.integer({ min: 0, max: 5000 }),
  })
  .map(({ pieces, tools, toolOrder, promptTokens, completionTokens }) => {
    const all: Piece[] = [...pieces];
    // Interleave tool-call fragments after the text, in a generated order that keeps each call's own order.
    const remaining = tools.map((fragments) => [...fragments]);
    let turn = 0;
    while (remaining.some((fragments) => fragments.length > 0)) {
      const open = remaining
        .map((fragments, index) => (fragments.length > 0 ? index : -1))
        .filter((index) => index >= 0);
      const index = open[(toolOrder[turn++ % Math.max(1, toolOrder.length)] ?? 0) % open.length] as number;
      all.push({ kind: 'tool', index, fragment: (remaining[index] as string[]).shift() as string });
    }
    const started = new Set<number>();
    const chunks = all.map((piece) => {
      if (piece.kind === 'text') return chunkOf({ content: piece.text });
      if (piece.kind === 'reasoning') return chunkOf({ content: '', reasoning: piece.text });
      const first = !started.has(piece.index);
      started.add(piece.index);
      return chunkOf({
        content: null,
        tool_calls: [
          first
            ? {
                index: piece.index,
                id: `call_${piece.index}_fuzz`,
                type: 'function',
                function: { name: `tool_${piece.index}`, arguments: piece.fragment },
              }
            : { index: piece.index, function: { arguments: piece.fragment } },
        ],
      });
    });
    chunks.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '' },
          finish_reason: tools.length > 0 ? 'tool_calls' : 'stop',
          native_finish_reason: 'stop',
        },
      ],
    });
    chunks.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '' },
          finish_reason: null,
          native_finish_reason: null,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        cost: 0.000_125,
        is_byok: false,
      },
    });
    return {
      chunks,
      expectedText: pieces
        .filter((piece) => piece.kind === 'text')
        .map((piece) => piece.text)
        .join(''),
      expectedReasoning: pieces
        .filter((piece) => piece.kind === 'reasoning')
        .map((piece) => piece.text)
        .join(''),
      // Tool calls are listed in order of first appearance (core's documented order), not by wire index.
      expectedToolCalls: [...started].map((index) => ({
        id: `call_${index}_fuzz`,
        name: `tool_${index}`,
        arguments: (tools[index] as string[]).join(''),
      })),
      promptTokens,
      completionTokens,
    };
  });

/** Frames chunks as SSE: `data:` lines, keep-alive comments where `comments` says, the given line end, `[DONE]`. */
export function frameChatStream(
  chunks: ReadonlyArray<Record<string, unknown>>,
  options: { lineEnd: '\n' | '\r' | '\r\n'; commentsAfter: ReadonlySet<number>; compactSpace: boolean },
): Uint8Array {
  const { lineEnd, commentsAfter, compactSpace } = options;
  let text = `: OPENROUTER PROCESSING${lineEnd}${lineEnd}`;
  chunks.forEach((chunk, index) => {
    text += `data:${compactSpace ? '' : ' '}${JSON.stringify(chunk)}${lineEnd}${lineEnd}`;
    if (commentsAfter.has(index)) text += `: OPENROUTER PROCESSING${lineEnd}${lineEnd}`;
  });
  text += `data: [DONE]${lineEnd}${lineEnd}`;
  return new TextEncoder().encode(text);
}
