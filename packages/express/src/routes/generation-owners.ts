import type { Store } from '../store/store';

/**
 * Remembers which user made which generation, so `GET /generation?id=` answers only the user who
 * made it. Writes happen in the background; a lookup on the same instance waits for a write still
 * in flight, so a client asking right after its completion is never refused.
 */
export class GenerationOwners {
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly store: Store;
  private readonly ttlMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(store: Store, ttlMs: number, onError: (error: unknown) => void) {
    this.store = store;
    this.ttlMs = ttlMs;
    this.onError = onError;
  }

  remember(generationId: string, userId: string): void {
    const key = ownerKey(generationId, userId);
    if (this.pending.has(key)) return;
    const write = this.store
      .set(key, 1, this.ttlMs)
      .catch(this.onError)
      .finally(() => this.pending.delete(key));
    this.pending.set(key, write);
  }

  async owns(generationId: string, userId: string): Promise<boolean> {
    const key = ownerKey(generationId, userId);
    await this.pending.get(key);
    return (await this.store.get(key)) !== undefined;
  }
}

function ownerKey(generationId: string, userId: string): string {
  return `generation:${generationId}:${userId}`;
}
