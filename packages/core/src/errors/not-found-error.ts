import { OpenRouterError } from './openrouter-error';

/** 404: the resource does not exist. */
export class NotFoundError extends OpenRouterError {
  static override readonly brand: string = 'NotFoundError';
  declare static readonly isInstance: (value: unknown) => value is NotFoundError;
}
