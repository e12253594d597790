import { AIMessageChunk, type ToolCallChunk } from '@langchain/core/messages';
import type { ChatDelta, ChatResult } from '@openrouter-adapters/core';
import { MODEL_PROVIDER, mapAdditionalKwargs, mapResponseMetadata } from './map-response-metadata';
import { mapUsageMetadata } from './map-usage-metadata';

/**
 * Maps the deltas of one or more consecutive wire chunks to one `AIMessageChunk` (text, reasoning
 * text and tool-call fragments with ids and indexes; fragments of the same tool call are joined),
 * or `undefined` when they changed nothing LangChain streams.
 * Finish reason, usage, reasoning details and metadata are deliberately left for
 * {@link mapFinalChunk}, so that each appears exactly once when LangChain concatenates chunks.
 */
export function mapDeltasToChunk(
  deltaLists: readonly (readonly ChatDelta[])[],
  messageId: string | undefined,
): AIMessageChunk | undefined {
  let text = '';
  let reasoning = '';
  let toolCallChunks: ToolCallChunk[] | undefined;
  for (const deltas of deltaLists)
    for (const delta of deltas) {
      switch (delta.type) {
        case 'text':
          text += delta.text;
          break;
        case 'reasoning':
          reasoning += delta.text;
          break;
        case 'tool-call-start':
          toolCallChunks = addToolCallChunk(toolCallChunks, delta.index, delta.id, delta.name, '');
          break;
        case 'tool-call-delta':
          toolCallChunks = addToolCallChunk(
            toolCallChunks,
            delta.index,
            delta.id,
            undefined,
            delta.argumentsDelta,
          );
          break;
        default:
          break;
      }
    }
  if (text === '' && reasoning === '' && toolCallChunks === undefined) return undefined;
  return new AIMessageChunk({
    content: text,
    id: messageId,
    additional_kwargs: reasoning === '' ? {} : { reasoning_content: reasoning },
    response_metadata: { model_provider: MODEL_PROVIDER },
    tool_call_chunks: toolCallChunks,
  });
}

function addToolCallChunk(
  chunks: ToolCallChunk[] | undefined,
  index: number,
  id: string,
  name: string | undefined,
  args: string,
): ToolCallChunk[] {
  const list = chunks ?? [];
  const existing = list.find((chunk) => chunk.index === index);
  if (existing !== undefined) {
    existing.args = (existing.args ?? '') + args;
    if (name !== undefined) existing.name = name;
    return list;
  }
  list.push({ type: 'tool_call_chunk', index, id, name, args });
  return list;
}

/**
 * The last chunk of a stream: no text, but the served model, finish reasons, usage (from the
 * usage-only final wire chunk), cost, generation id, merged `reasoning_details`, annotations.
 */
export function mapFinalChunk(result: ChatResult, routingMetadata: unknown): AIMessageChunk {
  return new AIMessageChunk({
    content: '',
    id: result.generationId,
    additional_kwargs: mapAdditionalKwargs(result),
    response_metadata: mapResponseMetadata(result, routingMetadata),
    usage_metadata: result.usage === undefined ? undefined : mapUsageMetadata(result.usage),
  });
}
