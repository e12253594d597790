import { OpenRouterError } from './openrouter-error';

/** 400: the request is invalid (also an unknown model id). */
export class BadRequestError extends OpenRouterError {
  static override readonly brand: string = 'BadRequestError';
  declare static readonly isInstance: (value: unknown) => value is BadRequestError;
}
