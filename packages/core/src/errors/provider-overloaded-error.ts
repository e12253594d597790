import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('ProviderOverloadedError');

/** 529: the provider is overloaded. */
export class ProviderOverloadedError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'ProviderOverloadedError';

  static override isInstance(value: unknown): value is ProviderOverloadedError {
    return hasMarker(value, marker);
  }
}
