import { OpenRouterError } from './openrouter-error';

/** The caller aborted the request (`AbortSignal`). */
export class AbortError extends OpenRouterError {
  static override readonly brand: string = 'AbortError';
  declare static readonly isInstance: (value: unknown) => value is AbortError;
}
