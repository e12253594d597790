import type { ResponseMeta } from '../client/response-meta';
import { errorFromPayload } from '../errors/error-from-response';
import type { OpenRouterError } from '../errors/openrouter-error';
import { ResponseParseError } from '../errors/response-parse-error';
import { parseJson } from '../json/parse-json';
import type { WireChatChunk, WireChatResponse, WireChoice } from '../wire/chat';
import type { ChatResult } from './chat-result';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import type { ChatStreamEvent } from './chat-stream-event';
import { hasInBandError } from './has-in-band-error';

export type JsonBodyDecoderOptions = {
  onEvent: (event: ChatStreamEvent) => void;
  response: ResponseMeta;
  /** Largest body accepted (default 16 MiB). */
  maxBytes?: number;
};

/** A completion body seen as one stream chunk: each `message` becomes a `delta`. */
function responseAsChunk(body: WireChatResponse): WireChatChunk {
  return {
    ...body,
    choices: body.choices.map((choice: WireChoice) => ({
      ...choice,
      delta: {
        ...choice.message,
        tool_calls: choice.message?.tool_calls?.map((call, index) => ({ ...call, index })),
      },
    })),
  } as WireChatChunk;
}

/**
 * For a JSON body where an event stream was expected: an `{error}` body becomes the typed error
 * event (the class for its code, e.g. `RateLimitError`); a whole chat completion (a server that
 * ignored `stream: true`) becomes one `chunk` and `end`; anything else is a `ResponseParseError`.
 * @internal
 */
export function createJsonBodyDecoder(options: JsonBodyDecoderOptions): {
  feed(bytes: Uint8Array): void;
  end(): void;
  fail(build: (partial: ChatResult) => OpenRouterError): void;
} {
  const { onEvent, response } = options;
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  const accumulator = new ChatStreamAccumulator();
  accumulator.setResponse(response);
  const decoder = new TextDecoder();
  const where = { headers: response.headers, url: response.url };
  let text = '';
  let size = 0;
  let finished = false;

  const fail = (build: (partial: ChatResult) => OpenRouterError): void => {
    if (finished) return;
    finished = true;
    text = '';
    onEvent({ type: 'error', error: build(accumulator.result) });
  };

  const completion = (body: WireChatResponse): void => {
    const chunk = responseAsChunk(body);
    const deltas = accumulator.push(chunk);
    deltas.push(...accumulator.end());
    onEvent({ type: 'chunk', chunk, deltas });
    if (hasInBandError(chunk)) {
      fail((partial) =>
        errorFromPayload(chunk, { stream: true, status: response.status, ...where, partial }),
      );
      return;
    }
    finished = true;
    onEvent({ type: 'end', result: accumulator.result });
  };

  const shapeError = (message: string): void =>
    fail((partial) => new ResponseParseError({ kind: 'unexpected-shape', message, ...where, partial }));

  return {
    feed(bytes: Uint8Array): void {
      if (finished) return;
      size += bytes.length;
      if (size > maxBytes) {
        fail(
          (partial) =>
            new ResponseParseError({
              kind: 'event-too-large',
              message: `The JSON body exceeded the maximum size of ${maxBytes} bytes (maxEventBytes)`,
              ...where,
              partial,
            }),
        );
        return;
      }
      text += decoder.decode(bytes, { stream: true });
    },
    end(): void {
      if (finished) return;
      let body: unknown;
      try {
        body = parseJson(text + decoder.decode(), { what: 'the response body', status: response.status });
      } catch (error) {
        const { message, cause } = error as ResponseParseError;
        fail(
          (partial) => new ResponseParseError({ kind: 'invalid-json', message, cause, ...where, partial }),
        );
        return;
      }
      const record = body as Record<string, unknown> | null;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        shapeError('Expected an event stream or a JSON object but got another JSON value');
      } else if (record.error != null) {
        fail((partial) => errorFromPayload(record, { status: response.status, ...where, partial }));
      } else if (!Array.isArray(record.choices)) {
        shapeError('Expected an event stream but got a JSON object without `choices`');
      } else {
        completion(record as WireChatResponse);
      }
    },
    fail,
  };
}
