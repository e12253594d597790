import { hasBrand, OpenRouterError } from './openrouter-error';

/** 402: the account or key has no credits (or its limit is spent). */
export class InsufficientCreditsError extends OpenRouterError {
  static override readonly brand: string = 'InsufficientCreditsError';

  static override isInstance(value: unknown): value is InsufficientCreditsError {
    return hasBrand(value, 'InsufficientCreditsError');
  }
}
