import { hasBrand, OpenRouterError } from './openrouter-error';

/** 422: the request was understood but cannot be processed. */
export class UnprocessableEntityError extends OpenRouterError {
  static override readonly brand: string = 'UnprocessableEntityError';

  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasBrand(value, 'UnprocessableEntityError');
  }
}
