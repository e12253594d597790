import type { OpenRouterClient } from '@openrouter-adapters/core';
import type { ListedPricing } from '../limits/request-bounds';

/** A catalogue entry as `/models` returns it (only the fields the middleware reads are typed). */
export type ListedModel = {
  id: string;
  pricing?: {
    prompt?: string | number;
    completion?: string | number;
    request?: string | number;
    image?: string | number;
    internal_reasoning?: string | number;
    input_cache_write?: string | number;
  };
} & Record<string, unknown>;

/** Query parameters of `GET /models` passed upstream; others are ignored (they would split the cache). */
export const modelsQueryParams: readonly string[] = ['category', 'supported_parameters', 'output_modalities'];

type Entry = { expiresAt: number; models: Promise<ListedModel[]> };

/** After the catalogue failed to load (or took too long) at admission, admissions do not wait for it this long. */
const missBackoffMs = 10_000;

function price(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * Listed prices as upper bounds: prompt (or cache writes, when dearer), completion (or internal
 * reasoning, when dearer), the per-request fee and the per-image price. `undefined` when the
 * prompt or completion price is missing or negative (routers such as `openrouter/auto`).
 */
function listedPricing(model: ListedModel | undefined): ListedPricing | undefined {
  const pricing = model?.pricing;
  const prompt = price(pricing?.prompt);
  const completion = price(pricing?.completion);
  if (prompt === undefined || completion === undefined) return undefined;
  return {
    prompt: Math.max(prompt, price(pricing?.input_cache_write) ?? 0),
    completion: Math.max(completion, price(pricing?.internal_reasoning) ?? 0),
    request: price(pricing?.request) ?? 0,
    image: price(pricing?.image) ?? 0,
  };
}

/**
 * The upstream catalogue, cached for `ttlMs` per query and fetched once however many requests
 * ask at the same time. Failed fetches are not cached. Prices come from the last full catalogue
 * that loaded, indexed by id.
 */
export class ModelsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly client: OpenRouterClient;
  private readonly ttlMs: number;
  private readonly headers: () => Record<string, string>;
  /** The last full catalogue that loaded, by id, and when it goes stale. */
  private catalogue: { byId: Map<string, ListedModel>; expiresAt: number } | undefined;
  /** When an admission last gave up waiting for the first catalogue (failed or too slow). */
  private lastMissAt = Number.NEGATIVE_INFINITY;

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
    models.then(
      (loaded) => {
        if (key === '{}') {
          this.catalogue = {
            byId: new Map(loaded.map((model) => [model.id, model])),
            expiresAt: entry.expiresAt,
          };
        }
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
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
    await this.list();
    const model = this.find(modelId);
    const prompt = price(model?.pricing?.prompt);
    const completion = price(model?.pricing?.completion);
    return prompt === undefined || completion === undefined ? undefined : { prompt, completion };
  }

  /**
   * Listed prices for reserving a USD budget at admission. A stale catalogue is used as it is
   * (and refreshed in the background), so admission waits for upstream only before the first
   * catalogue loaded, and then at most `maxWaitMs`; after such a wait failed, admissions do not
   * wait again for 10 s (the load goes on in the background). `undefined` when the price is unknown.
   */
  async listedPricing(modelId: string, maxWaitMs: number): Promise<ListedPricing | undefined> {
    if (this.catalogue === undefined) {
      if (Date.now() - this.lastMissAt < missBackoffMs) {
        this.warm();
        return undefined;
      }
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        this.list().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), maxWaitMs);
        }),
      ]);
      clearTimeout(timer);
      if (!waited) {
        this.lastMissAt = Date.now();
        return undefined;
      }
    } else if (this.catalogue.expiresAt <= Date.now()) {
      this.warm();
    }
    return listedPricing(this.find(modelId));
  }

  /** The catalogue entry of an id, or of its base id for a variant (`:nitro`, `:online`). */
  private find(modelId: string): ListedModel | undefined {
    const byId = this.catalogue?.byId;
    if (byId === undefined) return undefined;
    const exact = byId.get(modelId);
    if (exact) return exact;
    const colon = modelId.lastIndexOf(':');
    return colon > 0 ? byId.get(modelId.slice(0, colon)) : undefined;
  }
}
