/**
 * Keeps each user's own OpenRouter key on the server (never in the browser), under the user id
 * `authorize` returns. Implement it over your database or secret store (encrypt keys at rest);
 * `memoryKeyStore()` is for development and single-instance apps.
 */
export interface KeyStore {
  get(userId: string): Promise<string | undefined>;
  set(userId: string, key: string): Promise<void>;
  delete(userId: string): Promise<void>;
}

/** A `KeyStore` in this process's memory: keys are lost on restart and not shared between instances. */
export function memoryKeyStore(): KeyStore {
  const keys = new Map<string, string>();
  return {
    async get(userId) {
      return keys.get(userId);
    },
    async set(userId, key) {
      keys.set(userId, key);
    },
    async delete(userId) {
      keys.delete(userId);
    },
  };
}
