import { OpenRouterError } from './openrouter-error';

/** 429: rate limited (`retryAfterMs`, `rateLimit`). */
export class RateLimitError extends OpenRouterError {
  static override readonly brand: string = 'RateLimitError';
  declare static readonly isInstance: (value: unknown) => value is RateLimitError;
}
