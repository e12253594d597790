import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('AuthenticationError');

/** 401: the API key is missing or invalid. */
export class AuthenticationError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'AuthenticationError';

  static override isInstance(value: unknown): value is AuthenticationError {
    return hasMarker(value, marker);
  }
}
