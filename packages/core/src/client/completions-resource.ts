import { errorFromPayload } from '../errors/error-from-response';
import type { WireCompletionRequest, WireCompletionResponse } from '../wire/completions';
import { streamFrom } from './chat-resource';
import type { ChatStream, RequestOptions } from './client-types';
import { executeRequest } from './execute-request';
import { readJsonBody } from './read-json-body';
import type { ResolvedClientOptions } from './resolve-client-options';
import type { ResponseMeta } from './response-meta';

export type CompletionsResource = {
  send(
    body: WireCompletionRequest,
    options?: RequestOptions,
  ): Promise<WireCompletionResponse & { response: ResponseMeta }>;
  stream(body: WireCompletionRequest, options?: RequestOptions): Promise<ChatStream>;
};

/** Legacy `/completions` (prompt in, `choices[].text` out); streams decode like chat streams. */
export function createCompletionsResource(options: ResolvedClientOptions): CompletionsResource {
  const post = (body: WireCompletionRequest, stream: boolean) =>
    ({ method: 'POST', path: '/completions', body: { ...body, stream }, stream }) as const;
  return {
    async send(body, callOptions = {}) {
      const executed = await executeRequest(options, post(body, false), callOptions);
      const meta = executed.meta;
      return readJsonBody(executed, (record) => {
        const raw = record as WireCompletionResponse;
        if (raw.choices?.some((choice) => choice.error || choice.finish_reason === 'error')) {
          throw errorFromPayload(raw, { headers: meta.headers, url: meta.url });
        }
        return { ...raw, response: meta.generationId || !raw.id ? meta : { ...meta, generationId: raw.id } };
      });
    },
    async stream(body, callOptions = {}) {
      return streamFrom(await executeRequest(options, post(body, true), callOptions), options, callOptions);
    },
  };
}
