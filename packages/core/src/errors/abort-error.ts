import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('AbortError');

/** The caller aborted the request (`AbortSignal`). */
export class AbortError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'AbortError';

  static override isInstance(value: unknown): value is AbortError {
    return hasMarker(value, marker);
  }
}
