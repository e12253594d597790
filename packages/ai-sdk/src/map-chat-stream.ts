import type {
  LanguageModelV4Citation,
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  SharedV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider';
import {
  AbortError,
  type ChatDelta,
  type ChatResult,
  type ChatStream,
  type ChatStreamEvent,
  type ChatToolCall,
  ConnectionError,
  type OpenRouterError,
  StreamTruncatedError,
} from '@openrouter-adapters/core';
import { buildProviderMetadata } from './build-provider-metadata';
import { mapError } from './map-error';
import { mapFinishReason } from './map-finish-reason';
import { citationOfAnnotation, fileOfImage, sourceOfAnnotation } from './map-response-parts';
import { mapUsage } from './map-usage';
import { reasoningDetailText } from './reasoning-detail-text';

export type ChatStreamContext = {
  warnings: SharedV4Warning[];
  includeRawChunks: boolean;
  url: string;
  requestBody: unknown;
};

type Controller = ReadableStreamDefaultController<LanguageModelV4StreamPart>;
type OpenBlock = { kind: 'text' | 'reasoning'; id: string };
type PendingToolCall = { id: string; name: string; done: ChatToolCall | undefined };

/**
 * Maps core's chat stream events to V4 stream parts as they arrive: `stream-start`, one
 * `response-metadata`, text/reasoning blocks, tool input streamed per fragment, sources, files,
 * `ping` for keep-alives, `error` for in-band errors, and one `finish` with usage and
 * `providerMetadata.openrouter`. The merged `reasoning_details` ride on exactly one part (the
 * first tool call, else the last open block) so the AI SDK sends them back once on the next turn.
 */
export function mapChatStream(
  stream: ChatStream,
  context: ChatStreamContext,
): ReadableStream<LanguageModelV4StreamPart> {
  const iterator = stream[Symbol.asyncIterator]();
  let controller!: Controller;
  let emitted = 0;
  let finished = false;
  let metadataSent = false;
  let block: OpenBlock | undefined;
  let blockCount = 0;
  const toolCalls = new Map<number, PendingToolCall>();
  const sourceUrls = new Set<string>();
  let citations: LanguageModelV4Citation[] = [];

  const emit = (part: LanguageModelV4StreamPart): void => {
    emitted++;
    controller.enqueue(part);
  };

  const closeBlock = (providerMetadata?: SharedV4ProviderMetadata): void => {
    if (block === undefined) return;
    const { kind, id } = block;
    block = undefined;
    if (kind === 'reasoning') {
      emit(
        providerMetadata === undefined
          ? { type: 'reasoning-end', id }
          : { type: 'reasoning-end', id, providerMetadata },
      );
      return;
    }
    const part: Extract<LanguageModelV4StreamPart, { type: 'text-end' }> = { type: 'text-end', id };
    if (citations.length > 0) {
      part.citations = citations;
      citations = [];
    }
    if (providerMetadata !== undefined) part.providerMetadata = providerMetadata;
    emit(part);
  };

  const delta = (kind: OpenBlock['kind'], text: string): void => {
    if (text.length === 0) return;
    if (block?.kind !== kind) {
      closeBlock();
      block = { kind, id: `${kind}-${blockCount++}` };
      emit({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: block.id });
    }
    emit({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: block.id, delta: text });
  };

  const handleChunk = (deltas: readonly ChatDelta[]): void => {
    let chunkHasReasoningText: boolean | undefined;
    for (const item of deltas) {
      switch (item.type) {
        case 'text':
        case 'refusal':
          delta('text', item.text);
          break;
        case 'reasoning':
          delta('reasoning', item.text);
          break;
        case 'reasoning-detail': {
          chunkHasReasoningText ??= deltas.some((other) => other.type === 'reasoning');
          if (chunkHasReasoningText) break;
          const text = reasoningDetailText(item.detail);
          if (text !== '') delta('reasoning', text);
          break;
        }
        case 'tool-call-start':
          startToolCall(item.index, item.id, item.name);
          break;
        case 'tool-call-delta':
          if (item.argumentsDelta.length > 0)
            emit({ type: 'tool-input-delta', id: item.id, delta: item.argumentsDelta });
          break;
        case 'tool-call-end': {
          const pending = toolCalls.get(item.toolCall.index);
          if (pending !== undefined) {
            pending.done = item.toolCall;
          } else {
            startToolCall(item.toolCall.index, item.toolCall.id, item.toolCall.name);
            if (item.toolCall.arguments.length > 0) {
              emit({ type: 'tool-input-delta', id: item.toolCall.id, delta: item.toolCall.arguments });
            }
            const started = toolCalls.get(item.toolCall.index);
            if (started !== undefined) started.done = item.toolCall;
          }
          break;
        }
        case 'annotation': {
          const source = sourceOfAnnotation(item.annotation);
          if (source === undefined) break;
          citations.push(citationOfAnnotation(item.annotation, source));
          if (source.sourceType === 'url' && !sourceUrls.has(source.url)) {
            sourceUrls.add(source.url);
            emit(source);
          }
          break;
        }
        case 'image': {
          const file = fileOfImage(item.image);
          if (file !== undefined) emit(file);
          break;
        }
        case 'metadata':
          if (metadataSent) break;
          metadataSent = true;
          emit({
            type: 'response-metadata',
            id: item.generationId,
            modelId: item.model,
            timestamp: item.created === undefined ? undefined : new Date(item.created * 1000),
          });
          break;
        default:
          // finish, usage and logprobs are read from the accumulated result at the end.
          break;
      }
    }
  };

  const startToolCall = (index: number, id: string, name: string): void => {
    closeBlock();
    toolCalls.set(index, { id, name, done: undefined });
    emit({ type: 'tool-input-start', id, toolName: name });
  };

  const finish = (
    result: ChatResult | undefined,
    error: OpenRouterError | undefined,
    forced?: LanguageModelV4FinishReason['unified'],
  ): void => {
    finished = true;
    const details = result?.reasoningDetails ?? [];
    const carrier: SharedV4ProviderMetadata | undefined =
      details.length > 0
        ? { openrouter: { reasoningDetails: details as unknown as SharedV4ProviderMetadata[string][string] } }
        : undefined;
    let firstDone: PendingToolCall | undefined;
    for (const call of toolCalls.values()) {
      if (call.done !== undefined) {
        firstDone = call;
        break;
      }
    }
    if (carrier !== undefined && firstDone === undefined && block === undefined) {
      block = { kind: 'reasoning', id: `reasoning-${blockCount++}` };
      emit({ type: 'reasoning-start', id: block.id });
    }
    closeBlock(firstDone === undefined ? carrier : undefined);
    for (const call of toolCalls.values()) {
      emit({ type: 'tool-input-end', id: call.id });
      if (call.done === undefined) continue;
      emit({
        type: 'tool-call',
        toolCallId: call.id,
        toolName: call.name,
        input: call.done.arguments.trim().length === 0 ? '{}' : call.done.arguments,
        ...(call === firstDone && carrier !== undefined ? { providerMetadata: carrier } : {}),
      });
    }
    const mapped = mapFinishReason(result?.finishReason, firstDone !== undefined);
    emit({
      type: 'finish',
      finishReason: forced === undefined ? mapped : { unified: forced, raw: result?.finishReason },
      usage: mapUsage(result?.usage),
      providerMetadata: buildProviderMetadata(result, error),
    });
  };

  const handle = (event: ChatStreamEvent): void => {
    switch (event.type) {
      case 'chunk':
        if (context.includeRawChunks) emit({ type: 'raw', rawValue: event.chunk });
        handleChunk(event.deltas);
        break;
      case 'ping':
        emit({ type: 'ping' });
        break;
      case 'end':
        finish(event.result, undefined);
        break;
      case 'error': {
        const error = event.error;
        if (isAbort(error)) throw error;
        if (endsInterrupted(error)) {
          finish(error.partial, error, 'interrupted');
        } else {
          emit({
            type: 'error',
            error: mapError(error, {
              url: context.url,
              requestBody: context.requestBody,
              coreMaxRetries: 0,
              inBand: true,
            }),
          });
          finish(error.partial, error, 'error');
        }
        break;
      }
    }
  };

  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      start(streamController) {
        controller = streamController;
        emit({ type: 'stream-start', warnings: context.warnings });
      },
      async pull() {
        try {
          while (!finished) {
            const before = emitted;
            const next = await iterator.next();
            if (next.done) {
              if (!finished) finish(undefined, undefined, 'interrupted');
              break;
            }
            handle(next.value);
            if (emitted > before) return;
          }
          controller.close();
        } catch (error) {
          controller.error(error);
          await stream.cancel(error).catch(() => undefined);
        }
      },
      cancel(reason) {
        return stream.cancel(reason);
      },
      // Reading a few parts ahead saves a pull/read round trip per part (measured: ~10 % of doStream);
      // core's own reads stay bounded by this queue.
    },
    { highWaterMark: 64 },
  );
}

/** Boolean checks (not type guards: the error classes are structurally identical to their base). */
function isAbort(error: unknown): boolean {
  return AbortError.isInstance(error);
}

/** The stream just stopped (EOF before a finish, connection lost): `interrupted`, not `error`. */
function endsInterrupted(error: unknown): boolean {
  return StreamTruncatedError.isInstance(error) || ConnectionError.isInstance(error);
}
