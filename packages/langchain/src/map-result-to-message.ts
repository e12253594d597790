import { AIMessage } from '@langchain/core/messages';
import type { ChatResult } from '@openrouter-adapters/core';
import { mapAdditionalKwargs, mapResponseMetadata } from './map-response-metadata';
import { mapUsageMetadata } from './map-usage-metadata';
import { parseToolCalls } from './parse-tool-call';

/** Maps a complete (non-streamed) chat result to an `AIMessage`. */
export function mapResultToMessage(result: ChatResult, routingMetadata: unknown): AIMessage {
  const { toolCalls, invalidToolCalls } = parseToolCalls(result.toolCalls);
  const additionalKwargs = mapAdditionalKwargs(result);
  if (result.reasoning !== '') additionalKwargs.reasoning_content = result.reasoning;
  return new AIMessage({
    content: result.text,
    id: result.generationId,
    tool_calls: toolCalls,
    invalid_tool_calls: invalidToolCalls,
    additional_kwargs: additionalKwargs,
    response_metadata: mapResponseMetadata(result, routingMetadata),
    usage_metadata: result.usage === undefined ? undefined : mapUsageMetadata(result.usage),
  });
}
