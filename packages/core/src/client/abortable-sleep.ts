/**
 * Waits `ms`, or rejects with `reason()` as soon as `signal` aborts (at once when it already has).
 * Leaves no timer or listener behind either way.
 */
export function abortableSleep(
  ms: number,
  signal: AbortSignal | undefined,
  reason: () => unknown,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(reason());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(reason());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
