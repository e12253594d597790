import { hasBrand } from './openrouter-error';
import { StreamError } from './stream-error';

/** The stream ended (EOF) before any finish reason arrived. `partial` holds what was received. */
export class StreamTruncatedError extends StreamError {
  static override readonly brand: string = 'StreamTruncatedError';

  static override isInstance(value: unknown): value is StreamTruncatedError {
    return hasBrand(value, 'StreamTruncatedError');
  }
}
