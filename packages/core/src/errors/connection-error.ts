import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('ConnectionError');

/** The connection failed or was reset (no HTTP status). */
export class ConnectionError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'ConnectionError';

  static override isInstance(value: unknown): value is ConnectionError {
    return hasMarker(value, marker);
  }
}
