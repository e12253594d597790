import { hasBrand, OpenRouterError } from './openrouter-error';

/** The caller aborted the request (`AbortSignal`). */
export class AbortError extends OpenRouterError {
  static override readonly brand: string = 'AbortError';

  static override isInstance(value: unknown): value is AbortError {
    return hasBrand(value, 'AbortError');
  }
}
