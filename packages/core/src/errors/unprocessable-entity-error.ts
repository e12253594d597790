import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('UnprocessableEntityError');

/** 422: the request was understood but cannot be processed. */
export class UnprocessableEntityError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'UnprocessableEntityError';

  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasMarker(value, marker);
  }
}
