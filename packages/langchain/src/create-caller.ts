import { AsyncCaller } from '@langchain/core/utils/async_caller';

/**
 * LangChain's caller for our models: it only limits concurrency. There is one retry layer (core
 * retries before the first byte), so LangChain never retries, and aborts stay core's typed
 * `AbortError` (no race with the signal here).
 */
export function createCaller(maxConcurrency: number | undefined): AsyncCaller {
  return new AsyncCaller({
    maxConcurrency,
    maxRetries: 0,
    onFailedAttempt: (error: unknown) => {
      throw error;
    },
  });
}
