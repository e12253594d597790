import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('NotFoundError');

/** 404: the resource does not exist. */
export class NotFoundError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'NotFoundError';

  static override isInstance(value: unknown): value is NotFoundError {
    return hasMarker(value, marker);
  }
}
