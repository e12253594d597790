import { OpenRouterError } from './openrouter-error';

/** An error reported inside a stream after it started (in-band error chunk, `finish_reason: "error"`). `partial` holds what was received. */
export class StreamError extends OpenRouterError {
  static override readonly brand: string = 'StreamError';
  declare static readonly isInstance: (value: unknown) => value is StreamError;
}
