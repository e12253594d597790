import type { ChatModelStreamEvent, FinishReason } from '@langchain/core/language_models/event';
import type { ChatResult, ChatStream } from '@openrouter-adapters/core';
import { mapResponseMetadata } from './map-response-metadata';
import { mapUsageMetadata } from './map-usage-metadata';
import { parseToolCall } from './parse-tool-call';

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_use',
  content_filter: 'content_filter',
};

/**
 * Maps core's chat stream to LangChain's content-block protocol (`streamEvents()` without a
 * version, LangGraph's v3 "messages" stream): one block per reasoning run, text run and tool
 * call, each started, updated and finished; `message-finish` carries the real finish reason,
 * usage and response metadata (incl. `reasoning_details` for the next turn). An in-band error
 * or truncation is thrown as core's typed error.
 */
export async function* mapStreamToEvents(stream: ChatStream): AsyncGenerator<ChatModelStreamEvent> {
  let started = false;
  let nextIndex = 0;
  let textIndex: number | undefined;
  let reasoningIndex: number | undefined;
  const toolIndexes = new Map<number, number>();
  let routingMetadata: unknown;
  let result: ChatResult | undefined;

  for await (const event of stream) {
    if (event.type === 'error') throw event.error;
    if (event.type === 'end') {
      result = event.result;
      break;
    }
    if (event.type !== 'chunk') continue;
    if (event.chunk.openrouter_metadata !== undefined) routingMetadata = event.chunk.openrouter_metadata;
    for (const delta of event.deltas) {
      if (!started) {
        started = true;
        const id = delta.type === 'metadata' ? delta.generationId : undefined;
        yield id === undefined ? { event: 'message-start' } : { event: 'message-start', id };
      }
      switch (delta.type) {
        case 'text':
          if (delta.text === '') break;
          if (textIndex === undefined) {
            textIndex = nextIndex++;
            yield { event: 'content-block-start', index: textIndex, content: { type: 'text', text: '' } };
          }
          yield {
            event: 'content-block-delta',
            index: textIndex,
            delta: { type: 'text-delta', text: delta.text },
          };
          break;
        case 'reasoning':
          if (delta.text === '') break;
          if (reasoningIndex === undefined) {
            reasoningIndex = nextIndex++;
            yield {
              event: 'content-block-start',
              index: reasoningIndex,
              content: { type: 'reasoning', reasoning: '' },
            };
          }
          yield {
            event: 'content-block-delta',
            index: reasoningIndex,
            delta: { type: 'reasoning-delta', reasoning: delta.text },
          };
          break;
        case 'tool-call-start': {
          const index = nextIndex++;
          toolIndexes.set(delta.index, index);
          yield {
            event: 'content-block-start',
            index,
            content: {
              type: 'tool_call_chunk',
              id: delta.id,
              name: delta.name,
              args: '',
              index: delta.index,
            },
          };
          break;
        }
        case 'tool-call-delta': {
          const index = toolIndexes.get(delta.index);
          if (index !== undefined && delta.argumentsDelta !== '') {
            yield {
              event: 'content-block-delta',
              index,
              delta: { type: 'tool-call-delta', args: delta.argumentsDelta },
            };
          }
          break;
        }
        case 'tool-call-end': {
          const index = toolIndexes.get(delta.toolCall.index);
          if (index === undefined) break;
          const parsed = parseToolCall(delta.toolCall);
          yield parsed.valid
            ? {
                event: 'content-block-finish',
                index,
                content: {
                  type: 'tool_call',
                  id: parsed.toolCall.id,
                  name: parsed.toolCall.name,
                  args: parsed.toolCall.args,
                },
              }
            : {
                event: 'content-block-finish',
                index,
                content: {
                  type: 'invalid_tool_call',
                  id: parsed.toolCall.id,
                  name: parsed.toolCall.name,
                  args: parsed.toolCall.args,
                  error: parsed.toolCall.error,
                },
              };
          break;
        }
        default:
          break;
      }
    }
  }
  if (result === undefined) return;
  if (!started)
    yield {
      event: 'message-start',
      ...(result.generationId === undefined ? {} : { id: result.generationId }),
    };
  if (reasoningIndex !== undefined) {
    yield {
      event: 'content-block-finish',
      index: reasoningIndex,
      content: { type: 'reasoning', reasoning: result.reasoning },
    };
  }
  if (textIndex !== undefined) {
    yield { event: 'content-block-finish', index: textIndex, content: { type: 'text', text: result.text } };
  }
  const responseMetadata = mapResponseMetadata(result, routingMetadata);
  if (result.reasoningDetails.length > 0) responseMetadata.reasoning_details = result.reasoningDetails;
  const reason = result.finishReason === undefined ? undefined : FINISH_REASONS[result.finishReason];
  yield {
    event: 'message-finish',
    ...(reason === undefined ? {} : { reason }),
    ...(result.usage === undefined ? {} : { usage: mapUsageMetadata(result.usage) }),
    responseMetadata,
  };
}
