import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { getEnvironmentVariable } from '@langchain/core/utils/env';
import {
  createOpenRouterClient,
  InvalidOptionsError,
  type OpenRouterClient,
  OpenRouterError,
  type OptionIssue,
  type ProviderPreferences,
  toWireRequest,
  validateOptions,
} from '@openrouter-adapters/core';
import { DEFAULT_APP_NAME, DEFAULT_APP_URL } from './attribution';
import { createCaller } from './create-caller';

/** Constructor fields of `OpenRouterEmbeddings`. */
export interface OpenRouterEmbeddingsFields extends EmbeddingsParams {
  /** Embedding model id. Default `openai/text-embedding-3-small`. */
  model?: string;
  /** API key; defaults to `OPENROUTER_API_KEY`. */
  apiKey?: string;
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
  /** Output dimensions, for models that can shorten their embeddings. */
  dimensions?: number;
  /** Texts per request (default 512); batches run concurrently up to `maxConcurrency`. */
  batchSize?: number;
  /** OpenRouter provider routing preferences (camelCase, validated by core). */
  provider?: ProviderPreferences;
  /** End-user id for abuse monitoring. */
  user?: string;
  /** Time allowed per request in milliseconds. */
  timeout?: number;
  /** Retries before the first response byte, done by core (LangChain's own retries are off). */
  maxRetries?: number;
  appName?: string;
  appUrl?: string;
  appCategories?: string[];
}

type EmbeddingResponse = { data?: Array<{ index?: number; embedding?: unknown }> };

const DEFAULT_MODEL = 'openai/text-embedding-3-small';
const DEFAULT_BATCH_SIZE = 512;

/**
 * OpenRouter embeddings for LangChain (`embedDocuments`, `embedQuery`), through core's client.
 *
 * ```ts
 * const embeddings = new OpenRouterEmbeddings({ model: 'openai/text-embedding-3-small', dimensions: 256 });
 * const vectors = await embeddings.embedDocuments(['a', 'b']);
 * ```
 */
export class OpenRouterEmbeddings extends Embeddings {
  readonly model: string;
  readonly dimensions: number | undefined;
  readonly batchSize: number;
  readonly #client: OpenRouterClient;
  readonly #wireOptions: Record<string, unknown>;

  constructor(fields: OpenRouterEmbeddingsFields = {}) {
    super(fields);
    const issues: OptionIssue[] = [];
    const model = fields.model ?? DEFAULT_MODEL;
    if (model.trim() === '') issues.push({ path: 'model', message: 'must not be empty' });
    if (fields.dimensions !== undefined && !(Number.isInteger(fields.dimensions) && fields.dimensions > 0)) {
      issues.push({ path: 'dimensions', message: 'must be a positive integer' });
    }
    const batchSize = fields.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!(Number.isInteger(batchSize) && batchSize > 0)) {
      issues.push({ path: 'batchSize', message: 'must be a positive integer' });
    }
    if (issues.length > 0) throw new InvalidOptionsError({ issues });
    const routing = { provider: fields.provider, user: fields.user };
    validateOptions(routing);
    this.#wireOptions = toWireRequest(routing).body as Record<string, unknown>;
    this.model = model;
    this.dimensions = fields.dimensions;
    this.batchSize = batchSize;
    this.caller = createCaller(fields.maxConcurrency);
    const apiKey = fields.apiKey ?? getEnvironmentVariable('OPENROUTER_API_KEY');
    this.#client = createOpenRouterClient({
      apiKey: apiKey === '' ? undefined : apiKey,
      baseURL: fields.baseURL,
      fetch: fields.fetch,
      headers: fields.headers,
      appName: fields.appName ?? DEFAULT_APP_NAME,
      appUrl: fields.appUrl ?? DEFAULT_APP_URL,
      appCategories: fields.appCategories,
      clientName: `langchain/${__PACKAGE_VERSION__}`,
      maxRetries: fields.maxRetries,
      timeoutMs: fields.timeout,
    });
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const batches: string[][] = [];
    for (let start = 0; start < documents.length; start += this.batchSize) {
      batches.push(documents.slice(start, start + this.batchSize));
    }
    const results = await Promise.all(
      batches.map((batch) => this.caller.call(() => this.#embedBatch(batch))),
    );
    return results.flat();
  }

  async embedQuery(document: string): Promise<number[]> {
    const [embedding] = await this.#embedBatch([document]);
    if (embedding === undefined) throw new OpenRouterError({ message: 'OpenRouter returned no embedding.' });
    return embedding;
  }

  async #embedBatch(input: string[]): Promise<number[][]> {
    const body: Record<string, unknown> = {
      ...this.#wireOptions,
      model: this.model,
      input,
      encoding_format: 'float',
    };
    if (this.dimensions !== undefined) body.dimensions = this.dimensions;
    const response = (await this.#client.embeddings.create(body as never)) as EmbeddingResponse;
    const data = Array.isArray(response.data) ? response.data : [];
    const vectors: number[][] = new Array(input.length);
    data.forEach((item, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      if (!Array.isArray(item.embedding)) {
        throw new OpenRouterError({
          message: `OpenRouter returned a non-numeric embedding at index ${index}.`,
        });
      }
      vectors[index] = item.embedding as number[];
    });
    for (let index = 0; index < input.length; index += 1) {
      if (vectors[index] === undefined) {
        throw new OpenRouterError({
          message: `OpenRouter returned ${data.length} embeddings for ${input.length} inputs (index ${index} missing).`,
        });
      }
    }
    return vectors;
  }
}
