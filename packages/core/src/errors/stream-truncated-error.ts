import { StreamError } from './stream-error';

/** The stream ended (EOF) before any finish reason arrived. `partial` holds what was received. */
export class StreamTruncatedError extends StreamError {
  static override readonly brand: string = 'StreamTruncatedError';
  declare static readonly isInstance: (value: unknown) => value is StreamTruncatedError;
}
