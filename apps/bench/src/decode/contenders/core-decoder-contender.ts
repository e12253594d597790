import type { DecodeContender, DecodeOutcome } from '../decode-contender';

type CoreResult = {
  text: string;
  reasoning: string;
  toolCalls: { name: string; arguments: string }[];
  finishReason: string | undefined;
  usage: { outputTokens: number } | undefined;
};

/** Maps core's accumulated `ChatResult` to the sanity-check outcome. */
export function outcomeOfChatResult(result: CoreResult, items: number): DecodeOutcome {
  return {
    items,
    text: result.text,
    reasoning: result.reasoning,
    toolCalls: result.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
    finishReason: result.finishReason,
    outputTokens: result.usage?.outputTokens,
  };
}

/** Our core's push decoder: bytes → SSE → typed chunk events → `ChatStreamAccumulator`. */
export const coreDecoderContender: DecodeContender = {
  id: 'core-decoder',
  label: 'ours: core `createChatEventDecoder` + accumulator',
  group: 'ours',
  measures: 'bytes → createChatEventDecoder feed()/end() → typed events + accumulated ChatResult',
  async create({ pieces }) {
    const { createChatEventDecoder } = await import('@openrouter-adapters/core');
    const decode = (onEvent: () => void): CoreResult => {
      const decoder = createChatEventDecoder({ onEvent });
      for (const piece of pieces) decoder.feed(piece);
      decoder.end();
      return decoder.accumulator.result;
    };
    const ignore = (): void => {};
    return {
      run: () => decode(ignore),
      async inspect() {
        let items = 0;
        const result = decode(() => {
          items++;
        });
        return outcomeOfChatResult(result, items);
      },
    };
  },
};
