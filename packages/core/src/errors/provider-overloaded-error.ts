import { hasBrand, OpenRouterError } from './openrouter-error';

/** 529: the provider is overloaded. */
export class ProviderOverloadedError extends OpenRouterError {
  static override readonly brand: string = 'ProviderOverloadedError';

  static override isInstance(value: unknown): value is ProviderOverloadedError {
    return hasBrand(value, 'ProviderOverloadedError');
  }
}
