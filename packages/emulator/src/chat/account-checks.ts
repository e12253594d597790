import type { CatalogueModel, CatalogueProvider } from '../catalogue/catalogue-types';
import { EmulatorHttpError } from '../http/emulator-http-error';
import type { Account, EmulatorState } from '../server/emulator-state';

/** 402 when the key's spending limit is used up. */
export function checkLimitSpent(account: Account): void {
  if (account.limit === null || account.limit - account.usage > 0) return;
  throw new EmulatorHttpError(
    402,
    `Insufficient credits: this key's total limit ($${account.limit}) is spent. Add credits at https://openrouter.ai/credits or raise the key's limit at https://openrouter.ai/settings/keys`,
    { metadata: { error_type: 'payment_required', limit: account.limit, usage: account.usage } },
  );
}

/** 402 when `max_tokens` at the serving provider's price could not be paid from what the key has left. */
export function checkAffordable(
  account: Account,
  provider: CatalogueProvider,
  maxTokens: number | null | undefined,
): void {
  if (account.limit === null || typeof maxTokens !== 'number') return;
  const remaining = account.limit - account.usage;
  const completionPrice = Number(provider.pricing.completion);
  if (completionPrice > 0 && maxTokens * completionPrice > remaining) {
    const affordable = Math.floor(remaining / completionPrice);
    throw new EmulatorHttpError(
      402,
      `This request requires more credits, or fewer max_tokens. You requested up to ${maxTokens} tokens, but can only afford ${affordable}. To increase, visit https://openrouter.ai/settings/keys and raise the key's limit`,
      { metadata: { error_type: 'payment_required' } },
    );
  }
}

/** OpenRouter's own 429 for free models, with `X-RateLimit-*` headers (reset in epoch ms). */
export function freeTierError(kind: 'minute' | 'day', limit: number, resetAt: number): EmulatorHttpError {
  const headers = {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(resetAt),
  };
  const message =
    kind === 'minute'
      ? 'Rate limit exceeded: free-models-per-min. '
      : 'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day';
  return new EmulatorHttpError(429, message, {
    headers,
    fallbackAllowed: true,
    metadata: {
      headers: {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(resetAt),
      },
      provider_name: null,
      error_type: 'rate_limit_exceeded',
      limit_source: kind === 'minute' ? 'free-models-per-min' : 'free-models-per-day',
    },
  });
}

/** Counts a request against a `:free` model's limits (20/min, 50/day by default). */
export function checkFreeTier(
  state: EmulatorState,
  account: Account,
  model: CatalogueModel,
  now: number,
): void {
  if (!model.freeTier) return;
  const exceeded = state.countFreeRequest(
    account.key,
    model.freeTier.requestsPerMinute,
    model.freeTier.requestsPerDay,
    now,
  );
  if (exceeded) throw freeTierError(exceeded.kind, exceeded.limit, exceeded.resetAt);
}

/** Next UTC midnight in epoch ms (the daily free-tier reset). */
export function nextUtcMidnight(now: number): number {
  return (Math.floor(now / 86_400_000) + 1) * 86_400_000;
}
