import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('BadRequestError');

/** 400: the request is invalid (also an unknown model id). */
export class BadRequestError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'BadRequestError';

  static override isInstance(value: unknown): value is BadRequestError {
    return hasMarker(value, marker);
  }
}
