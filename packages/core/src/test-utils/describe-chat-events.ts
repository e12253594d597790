import { OpenRouterError } from '../errors/openrouter-error';
import type { ChatStreamEvent } from '../stream/chat-stream-event';
import { type ChatEventDecoderOptions, createChatEventDecoder } from '../stream/create-chat-event-decoder';

/** A plain, comparable view of an error (class, message, the fields streams set, partial result). */
export function describeError(error: unknown): Record<string, unknown> {
  if (!OpenRouterError.isInstance(error)) return { thrown: String(error) };
  const record = error as OpenRouterError & { kind?: string };
  return {
    name: record.name,
    message: record.message,
    kind: record.kind,
    status: record.status,
    code: record.code,
    errorType: record.errorType,
    providerName: record.providerName,
    providerCode: record.providerCode,
    partial: record.partial,
  };
}

/** Events as plain data (errors described), for deep comparisons across splits. */
export function describeEvents(events: readonly ChatStreamEvent[]): unknown[] {
  return events.map((event) =>
    event.type === 'error' ? { type: 'error', error: describeError(event.error) } : event,
  );
}

/** Feeds the pieces through `createChatEventDecoder` and ends it; returns every event. */
export function decodeChatEvents(
  pieces: readonly Uint8Array[],
  options: Omit<ChatEventDecoderOptions, 'onEvent'> = {},
): ChatStreamEvent[] {
  const events: ChatStreamEvent[] = [];
  const decoder = createChatEventDecoder({ ...options, onEvent: (event) => events.push(event) });
  for (const piece of pieces) decoder.feed(piece);
  decoder.end();
  return events;
}
