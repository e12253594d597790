import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('ProviderError');

/** 502: the upstream provider failed or returned an invalid response. */
export class ProviderError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'ProviderError';

  static override isInstance(value: unknown): value is ProviderError {
    return hasMarker(value, marker);
  }
}
