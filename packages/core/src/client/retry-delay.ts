export type RetryDelayPolicy = {
  initialRetryDelayMs: number;
  maxRetryDelayMs: number;
};

/**
 * The wait before retry number `attempt + 1`: the server's hint when it gave one, otherwise
 * exponential backoff with full jitter (uniform in `[0, min(max, initial * 2^attempt)]`).
 * Returns `undefined` when the hint exceeds `maxRetryDelayMs`: the caller fails fast instead.
 */
export function retryDelayMs(
  attempt: number,
  hintMs: number | undefined,
  policy: RetryDelayPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (hintMs !== undefined) return hintMs <= policy.maxRetryDelayMs ? hintMs : undefined;
  return Math.round(random() * Math.min(policy.maxRetryDelayMs, policy.initialRetryDelayMs * 2 ** attempt));
}
