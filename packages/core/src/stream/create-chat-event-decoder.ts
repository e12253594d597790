import type { ResponseMeta } from '../client/response-meta';
import { errorFromPayload } from '../errors/error-from-response';
import type { OpenRouterError } from '../errors/openrouter-error';
import { ResponseParseError } from '../errors/response-parse-error';
import { StreamTruncatedError } from '../errors/stream-truncated-error';
import { createChunkParser } from '../json/create-chunk-parser';
import { createSseParser } from '../sse/create-sse-decoder';
import type { WireChatChunk } from '../wire/chat';
import type { ChatDelta, ChatResult } from './chat-result';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import type { ChatStreamEvent } from './chat-stream-event';
import { hasInBandError } from './has-in-band-error';

export type ChatEventDecoderOptions = {
  /** Receives every event, in order; after a terminal `error` or `end` nothing more arrives. */
  onEvent: (event: ChatStreamEvent) => void;
  /** Largest single event accepted (default 16 MiB); beyond it: a `ResponseParseError` event. */
  maxEventBytes?: number;
  /** Attached to the result and to errors (status, headers, generation id, url). */
  response?: ResponseMeta;
};

export type ChatEventDecoder = {
  /** Decodes the next bytes of the stream. The bytes are neither copied nor kept (except an unfinished line). */
  feed(bytes: Uint8Array): void;
  /** End of input: emits `end` (after `[DONE]` or a finish reason) or a `StreamTruncatedError`. */
  end(): void;
  /** Ends the stream with `error` (e.g. a timeout or reset seen by the caller); no-op once finished. */
  fail(error: (partial: ChatResult) => OpenRouterError): void;
  /** `true` once a terminal `error` or `end` event was emitted. */
  readonly finished: boolean;
  readonly accumulator: ChatStreamAccumulator;
};

const eventContext = { what: 'a stream event' };

/**
 * A push decoder from the bytes of an OpenRouter chat stream to typed events: `chunk` (with what it
 * changed), `ping` (keep-alive comments), and one terminal `end` or `error`. `[DONE]`, or the end of
 * input after a finish reason, is `end`; the end of input before any finish reason is a
 * `StreamTruncatedError`; in-band errors (every shape OpenRouter sends) become a `StreamError`; a
 * malformed payload is a `ResponseParseError`. Every error carries the partial result.
 *
 * It only observes: a proxy can forward the same bytes untouched and feed them here for usage and cost.
 */
export function createChatEventDecoder(options: ChatEventDecoderOptions): ChatEventDecoder {
  const { onEvent, response } = options;
  const accumulator = new ChatStreamAccumulator();
  if (response !== undefined) accumulator.setResponse(response);
  let finished = false;
  let ending = false;
  let cutOff = false;

  const where = { headers: response?.headers, url: response?.url };
  const chunks = createChunkParser(eventContext);

  const fail = (build: (partial: ChatResult) => OpenRouterError): void => {
    if (finished) return;
    finished = true;
    onEvent({ type: 'error', error: build(accumulator.result) });
  };

  const complete = (): void => {
    if (finished) return;
    finished = true;
    const closing = accumulator.end();
    // Tool calls still open at the end are closed here (no finish reason arrived before `[DONE]`).
    if (closing.length > 0) onEvent({ type: 'chunk', chunk: {}, deltas: closing });
    onEvent({ type: 'end', result: accumulator.result });
  };

  const parseError = (kind: 'invalid-json' | 'unexpected-shape', message: string, cause?: unknown): void =>
    fail((partial) => new ResponseParseError({ kind, message, cause, ...where, partial }));

  const onData = (data: string): void => {
    if (finished) return;
    if (data === '[DONE]') {
      complete();
      return;
    }
    let chunk: unknown;
    try {
      chunk = chunks.parse(data);
    } catch (error) {
      const trimmed = data.trim();
      if (trimmed === '') return;
      if (trimmed === '[DONE]') {
        complete();
        return;
      }
      if (ending) {
        // The input stopped in the middle of this event: a truncation, decided in `end()`.
        cutOff = true;
        return;
      }
      parseError('invalid-json', (error as Error).message, (error as Error).cause);
      return;
    }
    if (chunk === null || typeof chunk !== 'object' || Array.isArray(chunk)) {
      parseError(
        'unexpected-shape',
        `Expected a JSON object in a stream event but got: ${data.slice(0, 80)}`,
      );
      return;
    }
    let deltas: ChatDelta[];
    try {
      deltas = accumulator.push(chunk as WireChatChunk);
    } catch (cause) {
      parseError('unexpected-shape', `A stream event has an unexpected shape: ${String(cause)}`, cause);
      return;
    }
    onEvent({ type: 'chunk', chunk: chunk as WireChatChunk, deltas });
    if (hasInBandError(chunk as WireChatChunk)) {
      fail((partial) =>
        errorFromPayload(chunk, {
          stream: true,
          status: response?.status,
          headers: response?.headers,
          url: response?.url,
          partial,
        }),
      );
    }
  };

  const sse = createSseParser({
    maxEventBytes: options.maxEventBytes,
    onData,
    onEvent: (event) => onData(event.data),
    onComment: (comment) => {
      if (!finished) onEvent({ type: 'ping', comment });
    },
  });

  const guard = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      if (!ResponseParseError.isInstance(error) || finished) throw error;
      fail(
        (partial) => new ResponseParseError({ kind: error.kind, message: error.message, ...where, partial }),
      );
    }
  };

  return {
    feed(bytes: Uint8Array): void {
      if (!finished) guard(() => sse.feed(bytes));
    },
    end(): void {
      if (finished) return;
      ending = true;
      guard(() => sse.end());
      if (finished) return;
      if (accumulator.isFinished) {
        complete();
        return;
      }
      fail(
        (partial) =>
          new StreamTruncatedError({
            message: `The stream ended before a finish reason arrived${cutOff ? ' (its last event was cut off)' : ''}`,
            ...where,
            generationId: partial.generationId,
            partial,
          }),
      );
    },
    fail,
    get finished(): boolean {
      return finished;
    },
    accumulator,
  };
}
