import { OpenRouterError } from './openrouter-error';

/** 422: the request was understood but cannot be processed. */
export class UnprocessableEntityError extends OpenRouterError {
  static override readonly brand: string = 'UnprocessableEntityError';
  declare static readonly isInstance: (value: unknown) => value is UnprocessableEntityError;
}
