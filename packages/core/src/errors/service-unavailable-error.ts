import { OpenRouterError } from './openrouter-error';

/** 503: no provider is available right now. */
export class ServiceUnavailableError extends OpenRouterError {
  static override readonly brand: string = 'ServiceUnavailableError';
  declare static readonly isInstance: (value: unknown) => value is ServiceUnavailableError;
}
