import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('PayloadTooLargeError');

/** 413: the request body is too large. */
export class PayloadTooLargeError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'PayloadTooLargeError';

  static override isInstance(value: unknown): value is PayloadTooLargeError {
    return hasMarker(value, marker);
  }
}
