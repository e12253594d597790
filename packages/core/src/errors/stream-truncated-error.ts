import { errorMarker, hasMarker } from './openrouter-error';
import { StreamError } from './stream-error';

const marker = errorMarker('StreamTruncatedError');

/** The stream ended (EOF) before any finish reason arrived. `partial` holds what was received. */
export class StreamTruncatedError extends StreamError {
  private readonly [marker] = true;
  override readonly name: string = 'StreamTruncatedError';

  static override isInstance(value: unknown): value is StreamTruncatedError {
    return hasMarker(value, marker);
  }
}
