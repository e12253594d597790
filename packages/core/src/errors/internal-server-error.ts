import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('InternalServerError');

/** 500 (and unknown 5xx): OpenRouter failed. */
export class InternalServerError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'InternalServerError';

  static override isInstance(value: unknown): value is InternalServerError {
    return hasMarker(value, marker);
  }
}
