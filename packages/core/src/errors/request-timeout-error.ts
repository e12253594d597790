import { OpenRouterError } from './openrouter-error';

/** 408: the upstream request timed out. */
export class RequestTimeoutError extends OpenRouterError {
  static override readonly brand: string = 'RequestTimeoutError';
  declare static readonly isInstance: (value: unknown) => value is RequestTimeoutError;
}
