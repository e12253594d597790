import { AbortError } from '../errors/abort-error';
import { ConnectionError } from '../errors/connection-error';
import { OpenRouterError } from '../errors/openrouter-error';
import { createSseDecoder, type SseEvent } from './create-sse-decoder';

export type SseMessage = ({ type: 'event' } & SseEvent) | { type: 'comment'; comment: string };

export type DecodeSseOptions = {
  /** Largest event accepted (default 16 MiB); beyond it iteration throws `ResponseParseError`. */
  maxEventBytes?: number;
  /** Stops reading, cancels the stream and throws `AbortError`. */
  signal?: AbortSignal;
};

/**
 * Decodes a byte stream as server-sent events. Stopping early (`break`, `return`, a throw in the
 * loop) cancels the underlying stream. A read failure throws `ConnectionError`; an oversized event
 * throws `ResponseParseError` (`kind: 'event-too-large'`).
 */
export async function* decodeSse(
  readable: ReadableStream<Uint8Array>,
  options?: DecodeSseOptions,
): AsyncGenerator<SseMessage, void, undefined> {
  const signal = options?.signal;
  const reader = readable.getReader();
  const queue: SseMessage[] = [];
  const decoder = createSseDecoder({
    maxEventBytes: options?.maxEventBytes,
    onEvent: (event) => queue.push({ type: 'event', ...event }),
    onComment: (comment) => queue.push({ type: 'comment', comment }),
  });
  const aborted = (): AbortError =>
    new AbortError({ message: 'Reading the event stream was aborted', cause: signal?.reason });
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    if (signal?.aborted) throw aborted();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (signal?.aborted) throw aborted();
        throw OpenRouterError.isInstance(cause)
          ? cause
          : new ConnectionError({ message: `Reading the event stream failed: ${String(cause)}`, cause });
      }
      if (signal?.aborted) throw aborted();
      if (chunk.done) {
        finished = true;
        decoder.end();
      } else {
        decoder.feed(chunk.value);
      }
      for (const message of queue) yield message;
      queue.length = 0;
      if (finished) return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
