import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('InsufficientCreditsError');

/** 402: the account or key has no credits (or its limit is spent). */
export class InsufficientCreditsError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'InsufficientCreditsError';

  static override isInstance(value: unknown): value is InsufficientCreditsError {
    return hasMarker(value, marker);
  }
}
