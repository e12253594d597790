import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('StreamError');

/** An error reported inside a stream after it started (in-band error chunk, `finish_reason: "error"`). `partial` holds what was received. */
export class StreamError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'StreamError';

  static override isInstance(value: unknown): value is StreamError {
    return hasMarker(value, marker);
  }
}
