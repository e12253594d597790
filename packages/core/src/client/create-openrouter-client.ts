import type { WireChatResponse } from '../wire/chat';
import type { WireCompletionRequest, WireCompletionResponse } from '../wire/completions';
import type { WireCredits } from '../wire/credits';
import type { WireEmbeddingRequest, WireEmbeddingResponse } from '../wire/embeddings';
import type { WireGeneration } from '../wire/generation';
import type { WireKey } from '../wire/key';
import type { WireModel, WireModelEndpoints, WireModelsQuery } from '../wire/models';
import { createChatResource } from './chat-resource';
import type { OpenRouterClientApi, OpenRouterClientOptions, RequestOptions } from './client-types';
import { createCompletionsResource } from './completions-resource';
import { executeRequest } from './execute-request';
import { createGenerationResource } from './generation-resource';
import { createModelsResource } from './models-resource';
import { dataOf, readJsonBody } from './read-json-body';
import { resolveClientOptions } from './resolve-client-options';
import type { ResponseMeta } from './response-meta';

/** The client, typed with core's wire types. */
export type OpenRouterClient = OpenRouterClientApi<
  WireChatResponse,
  WireCompletionRequest,
  WireCompletionResponse,
  WireEmbeddingRequest,
  WireEmbeddingResponse,
  WireModelsQuery,
  WireModel,
  WireModelEndpoints,
  WireGeneration,
  WireKey,
  WireCredits
>;

/**
 * Creates an OpenRouter client: the one place this project calls `fetch`. Retries happen only
 * before the first response byte; every failure is a typed `OpenRouterError`. Invalid options
 * throw `InvalidOptionsError` here, before any request.
 */
export function createOpenRouterClient(options?: OpenRouterClientOptions): OpenRouterClient {
  const resolved = resolveClientOptions(options);
  const getData = async <T>(path: string, callOptions?: RequestOptions): Promise<T> => {
    const executed = await executeRequest(resolved, { method: 'GET', path }, callOptions);
    return dataOf<T>(await readJsonBody(executed), executed.meta.url);
  };
  return {
    chat: createChatResource(resolved),
    completions: createCompletionsResource(resolved),
    embeddings: {
      async create(body, callOptions) {
        const request = { method: 'POST', path: '/embeddings', body } as const;
        const executed = await executeRequest(resolved, request, callOptions);
        const raw = (await readJsonBody(executed)) as WireEmbeddingResponse;
        return { ...raw, response: executed.meta } satisfies WireEmbeddingResponse & {
          response: ResponseMeta;
        };
      },
    },
    models: createModelsResource(resolved),
    generation: createGenerationResource(resolved),
    key: { get: (callOptions) => getData<WireKey>('/key', callOptions) },
    credits: { get: (callOptions) => getData<WireCredits>('/credits', callOptions) },
    async request(request, callOptions) {
      const executed = await executeRequest(resolved, request, callOptions);
      // The body is the caller's now: no timer remains, but aborting the caller's signal still cancels it.
      executed.scope.stopTimers();
      return { response: executed.response, meta: executed.meta };
    },
  };
}
