import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('RateLimitError');

/** 429: rate limited (`retryAfterMs`, `rateLimit`). */
export class RateLimitError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'RateLimitError';

  static override isInstance(value: unknown): value is RateLimitError {
    return hasMarker(value, marker);
  }
}
