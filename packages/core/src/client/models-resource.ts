import { InvalidOptionsError } from '../errors/invalid-options-error';
import type { WireModel, WireModelEndpoints, WireModelsQuery } from '../wire/models';
import type { RequestOptions } from './client-types';
import { executeRequest } from './execute-request';
import { dataOf, readJsonBody } from './read-json-body';
import type { ResolvedClientOptions } from './resolve-client-options';

export type ModelsResource = {
  list(query?: WireModelsQuery, options?: RequestOptions): Promise<WireModel[]>;
  endpoints(modelId: string, options?: RequestOptions): Promise<WireModelEndpoints>;
};

/** A path segment, percent-encoded except `:` (variants such as `:free` stay readable). */
const segment = (value: string): string => encodeURIComponent(value).replace(/%3A/gi, ':');

/** `author/slug[:variant]` → `/models/{author}/{slug}/endpoints`. */
export function endpointsPath(modelId: string): string {
  const id = typeof modelId === 'string' ? modelId.trim() : '';
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) {
    throw new InvalidOptionsError({
      issues: [{ path: 'modelId', message: `expected "author/slug", got ${JSON.stringify(modelId)}` }],
    });
  }
  return `/models/${segment(id.slice(0, slash))}/${segment(id.slice(slash + 1))}/endpoints`;
}

export function createModelsResource(options: ResolvedClientOptions): ModelsResource {
  return {
    async list(query, callOptions) {
      const executed = await executeRequest(options, { method: 'GET', path: '/models', query }, callOptions);
      return dataOf<WireModel[]>(await readJsonBody(executed), executed.meta.url);
    },
    async endpoints(modelId, callOptions) {
      const path = endpointsPath(modelId);
      const executed = await executeRequest(options, { method: 'GET', path }, callOptions);
      return dataOf<WireModelEndpoints>(await readJsonBody(executed), executed.meta.url);
    },
  };
}
