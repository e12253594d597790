import { errorFromPayload } from '../errors/error-from-response';
import { chatResultFromResponse } from '../stream/chat-result-from-response';
import { createChatStream } from '../stream/create-chat-stream';
import type { WireChatRequest, WireChatResponse } from '../wire/chat';
import type { ChatResultWithRaw, ChatStream, RawRequest, RequestOptions } from './client-types';
import { type ExecutedRequest, executeRequest } from './execute-request';
import { readJsonBody } from './read-json-body';
import type { ResolvedClientOptions } from './resolve-client-options';

/** Hands a 2xx streaming response to the chat stream decoder; the caller's signal now belongs to the stream. */
export function streamFrom(
  executed: ExecutedRequest,
  options: ResolvedClientOptions,
  callOptions: RequestOptions,
): ChatStream {
  executed.scope.release();
  return createChatStream(executed.response, executed.meta, {
    idleTimeoutMs: callOptions.idleTimeoutMs ?? options.idleTimeoutMs,
    maxEventBytes: options.maxEventBytes,
    signal: callOptions.signal,
    secrets: executed.secrets,
  });
}

export type ChatResource = {
  send(body: WireChatRequest, options?: RequestOptions): Promise<ChatResultWithRaw<WireChatResponse>>;
  stream(body: WireChatRequest, options?: RequestOptions): Promise<ChatStream>;
};

export function createChatResource(options: ResolvedClientOptions): ChatResource {
  const post = (body: WireChatRequest, stream: boolean): RawRequest => ({
    method: 'POST',
    path: '/chat/completions',
    body: { ...body, stream },
    stream,
  });
  return {
    async send(body, callOptions = {}) {
      const executed = await executeRequest(options, post(body, false), callOptions);
      const meta = executed.meta;
      return readJsonBody(executed, (record) => {
        const raw = record as WireChatResponse;
        const response = meta.generationId || !raw.id ? meta : { ...meta, generationId: raw.id };
        const result = chatResultFromResponse(raw, response);
        // A choice that finished with an error (possibly with partial content) is thrown, as a
        // stream's `result()` rejects: the error carries the result in `partial`.
        if (result.error || result.finishReason === 'error') {
          throw errorFromPayload(raw, { headers: meta.headers, url: meta.url, partial: result });
        }
        return { ...result, raw };
      });
    },
    async stream(body, callOptions = {}) {
      return streamFrom(await executeRequest(options, post(body, true), callOptions), options, callOptions);
    },
  };
}
