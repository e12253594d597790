import { OpenRouterError } from './openrouter-error';

/** 413: the request body is too large. */
export class PayloadTooLargeError extends OpenRouterError {
  static override readonly brand: string = 'PayloadTooLargeError';
  declare static readonly isInstance: (value: unknown) => value is PayloadTooLargeError;
}
