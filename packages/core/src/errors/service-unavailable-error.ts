import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('ServiceUnavailableError');

/** 503: no provider is available right now. */
export class ServiceUnavailableError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'ServiceUnavailableError';

  static override isInstance(value: unknown): value is ServiceUnavailableError {
    return hasMarker(value, marker);
  }
}
