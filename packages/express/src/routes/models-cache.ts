import type { OpenRouterClient } from '@openrouter-adapters/core';

/** A catalogue entry as `/models` returns it (only the fields the middleware reads are typed). */
export type ListedModel = {
  id: string;
  pricing?: { prompt?: string | number; completion?: string | number };
} & Record<string, unknown>;

/** Query parameters of `GET /models` passed upstream; others are ignored (they would split the cache). */
export const modelsQueryParams: readonly string[] = ['category', 'supported_parameters', 'output_modalities'];

type Entry = { expiresAt: number; models: Promise<ListedModel[]> };

function price(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * The upstream catalogue, cached for `ttlMs` per query and fetched once however many requests
 * ask at the same time. Failed fetches are not cached.
 */
export class ModelsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly client: OpenRouterClient;
  private readonly ttlMs: number;
  private readonly headers: () => Record<string, string>;

  constructor(client: OpenRouterClient, ttlMs: number, headers: () => Record<string, string>) {
    this.client = client;
    this.ttlMs = ttlMs;
    this.headers = headers;
  }

  list(query: Record<string, string> = {}): Promise<ListedModel[]> {
    const key = JSON.stringify(query);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.models;
    const models = this.client.models
      .list(query, { headers: this.headers(), timeoutMs: 30_000 })
      .then((list) =>
        (list as unknown[]).filter(
          (model): model is ListedModel => typeof (model as ListedModel)?.id === 'string',
        ),
      );
    const entry = { expiresAt: now + this.ttlMs, models };
    this.entries.set(key, entry);
    models.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return models;
  }

  /**
   * Starts loading the catalogue in the background when it is missing or stale, so prices are at
   * hand when a stream ends without usage (failures are ignored here; `pricing` reports them).
   */
  warm(): void {
    this.list().catch(() => {});
  }

  /** USD per token for a served model, to estimate the cost of streams that ended without usage. */
  async pricing(modelId: string): Promise<{ prompt: number; completion: number } | undefined> {
    const models = await this.list();
    const model =
      models.find((entry) => entry.id === modelId) ??
      models.find((entry) => modelId.startsWith(`${entry.id}:`));
    const prompt = price(model?.pricing?.prompt);
    const completion = price(model?.pricing?.completion);
    return prompt === undefined || completion === undefined ? undefined : { prompt, completion };
  }
}
