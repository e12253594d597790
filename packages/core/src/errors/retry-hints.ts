import type { WireAvailability } from '../wire/error';
import type { RateLimitInfo } from './openrouter-error';

type HeaderLookup = (name: string) => string | undefined;

/** Looks a header up in the response headers, then in the rate-limit headers mirrored in `metadata.headers`. */
export function headerLookup(headers: Record<string, string> | undefined, mirrored: unknown): HeaderLookup {
  const lowered: Record<string, string> = {};
  if (mirrored && typeof mirrored === 'object') {
    for (const [name, value] of Object.entries(mirrored)) {
      if (typeof value === 'string' || typeof value === 'number') lowered[name.toLowerCase()] = String(value);
    }
  }
  return (name) => headers?.[name] ?? lowered[name];
}

function toNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** A reset value as epoch ms: epoch ms (OpenRouter), epoch seconds, or seconds from now (some providers). */
function resetEpochMs(value: number, now: number): number {
  return value > 1e12 ? value : value > 1e9 ? value * 1_000 : now + value * 1_000;
}

/**
 * How long the server asked us to wait: `Retry-After` (seconds or an HTTP date), then
 * `availability.retry_after`, then `metadata.retry_after_seconds`, then `X-RateLimit-Reset` (epoch ms).
 */
export function retryAfterMsFrom(
  header: HeaderLookup,
  availability: WireAvailability | undefined,
  metadata: Record<string, unknown> | undefined,
  now: number = Date.now(),
): number | undefined {
  const retryAfterMs = toNumber(header('retry-after-ms'));
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  const retryAfter = header('retry-after')?.trim();
  if (retryAfter) {
    const seconds = toNumber(retryAfter);
    if (seconds !== undefined) return Math.max(0, seconds * 1_000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const hinted = toNumber(availability?.retry_after) ?? toNumber(metadata?.retry_after_seconds);
  if (hinted !== undefined) return Math.max(0, hinted * 1_000);
  const reset = toNumber(header('x-ratelimit-reset'));
  return reset === undefined ? undefined : Math.max(0, resetEpochMs(reset, now) - now);
}

/** `X-RateLimit-Limit`, `-Remaining`, `-Reset` (epoch ms) as numbers, when any is present. */
export function rateLimitFrom(header: HeaderLookup, now: number = Date.now()): RateLimitInfo | undefined {
  const limit = toNumber(header('x-ratelimit-limit'));
  const remaining = toNumber(header('x-ratelimit-remaining'));
  const reset = toNumber(header('x-ratelimit-reset'));
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  return {
    limit,
    remaining,
    resetAtMs: reset === undefined ? undefined : resetEpochMs(reset, now),
  };
}
