import type { Store } from './store';
import { StoreUnavailableError } from './store-unavailable-error';

function withTimeout<T>(operation: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout])
    .catch((cause: unknown) => {
      throw new StoreUnavailableError(operation, cause);
    })
    .finally(() => clearTimeout(timer));
}

/** Wraps a store so every operation settles within `timeoutMs` and fails as `StoreUnavailableError`. */
export function guardStore(store: Store, timeoutMs: number): Store {
  const guard = <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    let promise: Promise<T>;
    try {
      promise = run();
    } catch (cause) {
      return Promise.reject(new StoreUnavailableError(operation, cause));
    }
    return withTimeout(operation, promise, timeoutMs);
  };
  return {
    increment: (key, amount, windowMs) => guard('increment', () => store.increment(key, amount, windowMs)),
    consume: (charges) => guard('consume', () => store.consume(charges)),
    get: (key) => guard('get', () => store.get(key)),
    set: (key, value, ttlMs) => guard('set', () => store.set(key, value, ttlMs)),
    delete: (key) => guard('delete', () => store.delete(key)),
    close: () => store.close(),
  };
}
