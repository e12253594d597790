import { hasBrand, OpenRouterError } from './openrouter-error';

/** 429: rate limited (`retryAfterMs`, `rateLimit`). */
export class RateLimitError extends OpenRouterError {
  static override readonly brand: string = 'RateLimitError';

  static override isInstance(value: unknown): value is RateLimitError {
    return hasBrand(value, 'RateLimitError');
  }
}
