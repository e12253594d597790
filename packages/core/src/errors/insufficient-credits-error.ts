import { OpenRouterError } from './openrouter-error';

/** 402: the account or key has no credits (or its limit is spent). */
export class InsufficientCreditsError extends OpenRouterError {
  static override readonly brand: string = 'InsufficientCreditsError';
  declare static readonly isInstance: (value: unknown) => value is InsufficientCreditsError;
}
