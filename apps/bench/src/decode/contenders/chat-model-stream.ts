import type { DecodeOutcome } from '../decode-contender';

/** The parts of a LangChain `AIMessageChunk` the sanity check reads (structural across copies of @langchain/core). */
type MessageChunk = {
  text: string;
  tool_calls?: { name: string; args: unknown }[];
  usage_metadata?: { output_tokens: number };
  concat(other: MessageChunk): MessageChunk;
};

/** What both LangChain chat models expose: `.stream(input)` → async iterable of message chunks. */
export type StreamingChatModel = {
  stream(input: string): Promise<AsyncIterable<unknown>>;
};

export const chatModelPrompt = 'Weather in São Paulo and München?';

/** `.stream()` consumed to the end; returns the number of chunks. */
export async function consumeChatModelStream(model: StreamingChatModel): Promise<number> {
  let chunks = 0;
  for await (const _chunk of await model.stream(chatModelPrompt)) chunks++;
  return chunks;
}

/** The same, concatenating the chunks (as `AIMessageChunk.concat` does) for the sanity check. */
export async function inspectChatModelStream(model: StreamingChatModel): Promise<DecodeOutcome> {
  let items = 0;
  let aggregate: MessageChunk | undefined;
  for await (const value of await model.stream(chatModelPrompt)) {
    const chunk = value as MessageChunk;
    items++;
    aggregate = aggregate === undefined ? chunk : aggregate.concat(chunk);
  }
  if (aggregate === undefined) return { items };
  return {
    items,
    text: aggregate.text,
    toolCalls: (aggregate.tool_calls ?? []).map((call) => ({
      name: call.name,
      arguments: JSON.stringify(call.args),
    })),
    outputTokens: aggregate.usage_metadata?.output_tokens,
  };
}
