import type { Catalogue, CatalogueModel } from './catalogue-types';
import { createEmulatorModel } from './emulator-model';

/** Variants OpenRouter accepts after `:` and what they change. */
const VARIANTS = new Set(['nitro', 'floor', 'exacto', 'online', 'thinking', 'extended']);

export type ResolvedModel = {
  /** The id as the caller wrote it. */
  requestedId: string;
  model: CatalogueModel;
  /** `nitro` → sort by throughput, `floor` → sort by price. */
  sort?: 'throughput' | 'price';
  /** `:online`: the web plugin is on. */
  webSearch?: boolean;
  /** `:thinking`: reasoning is on. */
  forceReasoning?: boolean;
  /** Routing strategy reported in `openrouter_metadata`. */
  strategy: 'direct' | 'alias' | 'free';
  /** `emulator/<name>`: the scenario the id asks for. */
  scenario?: string;
};

/** Looks up catalogue models by id (built once per emulator). */
export class ModelIndex {
  readonly catalogue: Catalogue;
  private readonly byId = new Map<string, CatalogueModel>();
  private readonly emulatorModels = new Map<string, CatalogueModel>();

  constructor(catalogue: Catalogue) {
    this.catalogue = catalogue;
    for (const model of catalogue.models) this.byId.set(model.id, model);
  }

  get(id: string): CatalogueModel | undefined {
    return this.byId.get(id);
  }

  /** Resolves a model id (aliases, variants, `emulator/<scenario>`); `undefined` when it does not exist. */
  resolve(requestedId: string): ResolvedModel | undefined {
    const direct = this.byId.get(requestedId);
    if (direct) {
      return { requestedId, model: direct, strategy: direct.freeTier ? 'free' : 'direct' };
    }
    const aliasTarget = this.catalogue.aliases?.[requestedId];
    if (aliasTarget) {
      const target = this.byId.get(aliasTarget);
      return target ? { requestedId, model: target, strategy: 'alias' } : undefined;
    }
    if (requestedId.startsWith('emulator/') && requestedId.length > 'emulator/'.length) {
      const scenario = requestedId.slice('emulator/'.length);
      if (!/^[a-z0-9-]+$/.test(scenario)) return undefined;
      let model = this.emulatorModels.get(requestedId);
      if (!model) {
        model = createEmulatorModel(requestedId);
        this.emulatorModels.set(requestedId, model);
      }
      return { requestedId, model, strategy: 'direct', scenario };
    }
    const colon = requestedId.lastIndexOf(':');
    if (colon <= 0) return undefined;
    const variant = requestedId.slice(colon + 1);
    const base = this.byId.get(requestedId.slice(0, colon));
    if (!base || !VARIANTS.has(variant) || base.kind !== 'chat') return undefined;
    const resolved: ResolvedModel = { requestedId, model: base, strategy: 'direct' };
    if (variant === 'nitro') resolved.sort = 'throughput';
    if (variant === 'floor') resolved.sort = 'price';
    if (variant === 'online') resolved.webSearch = true;
    if (variant === 'thinking') resolved.forceReasoning = true;
    return resolved;
  }
}
