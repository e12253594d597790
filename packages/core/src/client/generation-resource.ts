import { AbortError } from '../errors/abort-error';
import { NotFoundError } from '../errors/not-found-error';
import type { WireGeneration } from '../wire/generation';
import { abortableSleep } from './abortable-sleep';
import type { RequestOptions } from './client-types';
import { executeRequest } from './execute-request';
import { dataOf, readJsonBody } from './read-json-body';
import type { ResolvedClientOptions } from './resolve-client-options';

/** `/generation` is eventually consistent: a 404 right after a completion is normal. */
export const GENERATION_NOT_FOUND_RETRIES = 5;
export const GENERATION_RETRY_SPACING_MS = 1_000;

export type GenerationResource = {
  get(id: string, options?: RequestOptions): Promise<WireGeneration>;
};

export function createGenerationResource(options: ResolvedClientOptions): GenerationResource {
  return {
    async get(id, callOptions = {}) {
      for (let attempt = 0; ; attempt++) {
        try {
          const request = { method: 'GET', path: '/generation', query: { id } } as const;
          const executed = await executeRequest(options, request, callOptions);
          return dataOf<WireGeneration>(await readJsonBody(executed), executed.meta.url);
        } catch (error) {
          if (!NotFoundError.isInstance(error) || attempt >= GENERATION_NOT_FOUND_RETRIES) throw error;
        }
        await abortableSleep(
          GENERATION_RETRY_SPACING_MS,
          callOptions.signal,
          () => new AbortError({ message: 'The request was aborted', cause: callOptions.signal?.reason }),
        );
      }
    },
  };
}
