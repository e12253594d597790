import { AbortError } from '../errors/abort-error';
import { errorFromPayload } from '../errors/error-from-response';
import { InvalidOptionsError } from '../errors/invalid-options-error';
import { NotFoundError } from '../errors/not-found-error';
import { chatResultFromResponse } from '../stream/chat-result-from-response';
import { createChatStream } from '../stream/create-chat-stream';
import type { WireChatResponse } from '../wire/chat';
import type { WireCompletionRequest, WireCompletionResponse } from '../wire/completions';
import type { WireCredits } from '../wire/credits';
import type { WireEmbeddingRequest, WireEmbeddingResponse } from '../wire/embeddings';
import type { WireGeneration } from '../wire/generation';
import type { WireKey } from '../wire/key';
import type { WireModel, WireModelEndpoints, WireModelsQuery } from '../wire/models';
import { abortableSleep } from './abortable-sleep';
import type {
  ChatStream,
  OpenRouterClientApi,
  OpenRouterClientOptions,
  RawRequest,
  RequestOptions,
} from './client-types';
import { executeRequest } from './execute-request';
import { dataOf, type JsonObject, readJsonBody } from './read-json-body';
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

/** `/generation` is eventually consistent: a 404 right after a completion is normal. */
const generationNotFoundRetries = 5;
const generationRetrySpacingMs = 1_000;

/** The response metadata, with the body's `id` as generation id when the header is missing. */
const withGenerationId = (meta: ResponseMeta, id: unknown): ResponseMeta =>
  meta.generationId || typeof id !== 'string' ? meta : { ...meta, generationId: id };

/** A path segment, percent-encoded except `:` (variants such as `:free` stay readable). */
const segment = (value: string): string => encodeURIComponent(value).replace(/%3A/gi, ':');

/** `author/slug[:variant]` → `/models/{author}/{slug}/endpoints`. */
function endpointsPath(modelId: string): string {
  const id = typeof modelId === 'string' ? modelId.trim() : '';
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) {
    throw new InvalidOptionsError({
      issues: [{ path: 'modelId', message: `expected "author/slug", got ${JSON.stringify(modelId)}` }],
    });
  }
  return `/models/${segment(id.slice(0, slash))}/${segment(id.slice(slash + 1))}/endpoints`;
}

/**
 * Creates an OpenRouter client: the one place this project calls `fetch`. Retries happen only
 * before the first response byte; every failure is a typed `OpenRouterError`. Invalid options
 * throw `InvalidOptionsError` here, before any request.
 */
export function createOpenRouterClient(options?: OpenRouterClientOptions): OpenRouterClient {
  const resolved = resolveClientOptions(options);

  /** One request whose JSON body `map` turns into the result. */
  const json = async <T>(
    request: RawRequest,
    callOptions: RequestOptions | undefined,
    map: (body: JsonObject, meta: ResponseMeta) => T,
  ): Promise<T> => readJsonBody(await executeRequest(resolved, request, callOptions), map);
  const get = <T>(path: string, callOptions?: RequestOptions, query?: RawRequest['query']): Promise<T> =>
    json({ method: 'GET', path, query }, callOptions, dataOf<T>);
  const post = (path: string, body: object): RawRequest => ({
    method: 'POST',
    path,
    body: { ...body, stream: false },
  });

  /** Chat or legacy completion stream: the caller's signal now belongs to the stream. */
  const stream = async (
    path: string,
    body: object,
    callOptions: RequestOptions = {},
  ): Promise<ChatStream> => {
    const request: RawRequest = { method: 'POST', path, body: { ...body, stream: true }, stream: true };
    const executed = await executeRequest(resolved, request, callOptions);
    executed.scope.release();
    return createChatStream(executed.response, executed.meta, {
      idleTimeoutMs: callOptions.idleTimeoutMs ?? resolved.idleTimeoutMs,
      maxEventBytes: resolved.maxEventBytes,
      signal: callOptions.signal,
      secrets: executed.secrets,
    });
  };

  return {
    chat: {
      send: (body, callOptions) =>
        json(post('/chat/completions', body), callOptions, (record, meta) => {
          const raw = record as WireChatResponse;
          const result = chatResultFromResponse(raw, withGenerationId(meta, raw.id));
          // A choice that finished with an error (possibly with partial content) is thrown, as a
          // stream's `result()` rejects: the error carries the result in `partial`.
          if (result.error || result.finishReason === 'error') {
            throw errorFromPayload(raw, { headers: meta.headers, url: meta.url, partial: result });
          }
          return { ...result, raw };
        }),
      stream: (body, callOptions) => stream('/chat/completions', body, callOptions),
    },
    // Legacy `/completions` (prompt in, `choices[].text` out); streams decode like chat streams.
    completions: {
      send: (body, callOptions) =>
        json(post('/completions', body), callOptions, (record, meta) => {
          const raw = record as WireCompletionResponse;
          if (raw.choices?.some((choice) => choice.error || choice.finish_reason === 'error')) {
            throw errorFromPayload(raw, { headers: meta.headers, url: meta.url });
          }
          return { ...raw, response: withGenerationId(meta, raw.id) };
        }),
      stream: (body, callOptions) => stream('/completions', body, callOptions),
    },
    embeddings: {
      create: (body, callOptions) =>
        json({ method: 'POST', path: '/embeddings', body }, callOptions, (raw, response) => ({
          ...(raw as WireEmbeddingResponse),
          response,
        })),
    },
    models: {
      list: (query, callOptions) => get('/models', callOptions, query),
      endpoints: async (modelId, callOptions) => get(endpointsPath(modelId), callOptions),
    },
    generation: {
      async get(id, callOptions = {}) {
        for (let attempt = 0; ; attempt++) {
          try {
            return await get<WireGeneration>('/generation', callOptions, { id });
          } catch (error) {
            if (!NotFoundError.isInstance(error) || attempt >= generationNotFoundRetries) throw error;
          }
          const { signal } = callOptions;
          await abortableSleep(
            generationRetrySpacingMs,
            signal,
            () => new AbortError({ message: 'The request was aborted', cause: signal?.reason }),
          );
        }
      },
    },
    key: { get: (callOptions) => get('/key', callOptions) },
    credits: { get: (callOptions) => get('/credits', callOptions) },
    async request(request, callOptions) {
      const executed = await executeRequest(resolved, request, callOptions);
      // The body is the caller's now: no timer remains, but aborting the caller's signal still cancels it.
      executed.scope.stopTimers();
      return { response: executed.response, meta: executed.meta };
    },
  };
}
