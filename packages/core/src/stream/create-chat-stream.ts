import type { ChatStream } from '../client/client-types';
import type { ResponseMeta } from '../client/response-meta';
import { AbortError } from '../errors/abort-error';
import { ConnectionError } from '../errors/connection-error';
import { OpenRouterError } from '../errors/openrouter-error';
import { redactSecrets } from '../errors/redact-secrets';
import { TimeoutError } from '../errors/timeout-error';
import type { ChatResult } from './chat-result';
import type { ChatStreamEvent } from './chat-stream-event';
import { type ChatEventDecoder, createChatEventDecoder } from './create-chat-event-decoder';
import { createJsonBodyDecoder } from './create-json-body-decoder';

export type CreateChatStreamOptions = {
  /** Longest silence between two reads of the body; any byte (keep-alives too) resets it. */
  idleTimeoutMs?: number;
  /** Largest single event accepted (default 16 MiB). */
  maxEventBytes?: number;
  /** Aborting ends the stream with an `AbortError` event and cancels the body. */
  signal?: AbortSignal;
  /**
   * Credentials to remove from the terminal error (message, stack, `partial`, `metadata`, `cause`
   * chain...) before anyone sees it. The client passes the ones it sent. Only the error path pays.
   */
  secrets?: readonly string[];
};

type Sink = Pick<ChatEventDecoder, 'feed' | 'end' | 'fail'>;

/**
 * Turns a streaming chat response into a `ChatStream`: iterate it for typed events, or call
 * `result()` (with or without iterating) for the accumulated result. Failures after the stream
 * started (in-band errors, truncation, idle timeout, abort, reset) arrive as one `error` event and
 * reject `result()`, each with the partial result. The body is cancelled once the stream ends, when
 * the consumer stops early, or on `cancel()`; no timer or listener outlives the stream.
 * A JSON body where an event stream was expected (`application/json`) is decoded as one response.
 */
export function createChatStream(
  response: Response,
  meta: ResponseMeta,
  options: CreateChatStreamOptions = {},
): ChatStream {
  const { idleTimeoutMs, signal } = options;
  const body = response.body;
  const queue: ChatStreamEvent[] = [];
  let head = 0;
  let terminal: ChatStreamEvent | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let readerDone = false;
  let reading: Promise<void> | undefined;
  let claimed = false;
  let discard = false;
  /**
   * One idle timer per stream, not one per read: a read only records when it started, and the
   * timer, when it fires during a read, re-arms itself for what is left of the silence allowed.
   */
  const idleMs =
    idleTimeoutMs !== undefined && idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs) ? idleTimeoutMs : 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let readStartedAt = 0;
  let awaitingRead = false;

  const cleanup = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
    if (readerDone) return;
    readerDone = true;
    const cancelled = reader !== undefined ? reader.cancel() : body?.locked ? undefined : body?.cancel();
    cancelled?.catch(() => {});
  };

  const emit = (event: ChatStreamEvent): void => {
    if (terminal !== undefined) return;
    if (!discard) queue.push(event);
    if (event.type === 'end' || event.type === 'error') {
      if (event.type === 'error' && options.secrets) redactSecrets(event.error, options.secrets);
      terminal = event;
      cleanup();
    }
  };

  const contentType = response.headers.get('content-type') ?? '';
  const sink: Sink =
    contentType.includes('json') && !contentType.includes('event-stream')
      ? createJsonBodyDecoder({ onEvent: emit, response: meta, maxBytes: options.maxEventBytes })
      : createChatEventDecoder({ onEvent: emit, response: meta, maxEventBytes: options.maxEventBytes });

  /** Ends the stream at once with `error` (undelivered events are dropped; the partial result has them). */
  const interrupt = (build: (partial: ChatResult) => OpenRouterError): void => {
    if (terminal !== undefined) return;
    queue.length = 0;
    head = 0;
    sink.fail(build);
  };

  function onIdleTimer(): void {
    timer = undefined;
    if (!awaitingRead || terminal !== undefined) return;
    // Timers have millisecond resolution and may fire a fraction of one early.
    const remainingMs = idleMs - (performance.now() - readStartedAt);
    if (remainingMs >= 1) {
      timer = setTimeout(onIdleTimer, remainingMs);
      return;
    }
    interrupt(
      (partial) =>
        new TimeoutError({
          kind: 'idle',
          timeoutMs: idleMs,
          message: `No data arrived for ${idleMs} ms while streaming (idleTimeoutMs)`,
          generationId: partial.generationId,
          partial,
        }),
    );
  }

  function onAbort(): void {
    interrupt(
      (partial) => new AbortError({ message: 'The request was aborted', cause: signal?.reason, partial }),
    );
  }

  const readOnce = async (): Promise<void> => {
    if (body === null) return sink.end();
    try {
      reader ??= body.getReader();
    } catch (cause) {
      return interrupt(
        (partial) =>
          new ConnectionError({ message: `Cannot read the response body: ${String(cause)}`, cause, partial }),
      );
    }
    if (idleMs > 0) {
      readStartedAt = performance.now();
      awaitingRead = true;
      timer ??= setTimeout(onIdleTimer, idleMs);
    }
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      return interrupt((partial) =>
        OpenRouterError.isInstance(cause) && cause.partial === undefined
          ? cause
          : new ConnectionError({
              message: `The connection failed while streaming: ${cause instanceof Error ? cause.message : String(cause)}`,
              cause,
              generationId: partial.generationId,
              partial,
            }),
      );
    } finally {
      awaitingRead = false;
    }
    if (terminal !== undefined) return;
    if (chunk.done) {
      readerDone = true;
      sink.end();
    } else {
      sink.feed(chunk.value);
    }
  };

  /** Reads once more into the queue; concurrent callers share one read. */
  const fill = (): Promise<void> => {
    reading ??= readOnce().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  const next = async (): Promise<ChatStreamEvent | undefined> => {
    while (head >= queue.length) {
      queue.length = 0;
      head = 0;
      if (terminal !== undefined) return undefined;
      await fill();
    }
    return queue[head++];
  };

  const nextResult = async (): Promise<IteratorResult<ChatStreamEvent>> => {
    const event = await next();
    return event === undefined ? { done: true, value: undefined } : { done: false, value: event };
  };

  const cancel = async (reason?: unknown): Promise<void> => {
    if (terminal === undefined) {
      discard = true;
      queue.length = 0;
      head = 0;
      sink.fail((partial) => new AbortError({ message: 'The stream was cancelled', cause: reason, partial }));
    }
  };

  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  return {
    response: meta,
    [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
      if (claimed) {
        throw new OpenRouterError({
          message: 'A chat stream can be consumed once: iterate it once, or call result() without iterating',
        });
      }
      claimed = true;
      return {
        // Events already decoded are handed out without an async function round trip.
        next: (): Promise<IteratorResult<ChatStreamEvent>> =>
          head < queue.length
            ? Promise.resolve({ done: false, value: queue[head++] as ChatStreamEvent })
            : nextResult(),
        return: async (): Promise<IteratorResult<ChatStreamEvent>> => {
          await cancel(new AbortError({ message: 'The consumer stopped reading the stream' }));
          return { done: true, value: undefined };
        },
      };
    },
    async result(): Promise<ChatResult> {
      if (!claimed) {
        claimed = true;
        discard = true;
        queue.length = 0;
      }
      while (terminal === undefined) {
        await fill();
        if (discard) queue.length = 0;
      }
      if (terminal.type === 'end') return terminal.result;
      if (terminal.type === 'error') throw terminal.error;
      throw new OpenRouterError({ message: 'The stream ended without a result' });
    },
    cancel,
  };
}
