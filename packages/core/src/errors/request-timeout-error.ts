import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('RequestTimeoutError');

/** 408: the upstream request timed out. */
export class RequestTimeoutError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'RequestTimeoutError';

  static override isInstance(value: unknown): value is RequestTimeoutError {
    return hasMarker(value, marker);
  }
}
