import { OpenRouterError } from './openrouter-error';

/** 401: the API key is missing or invalid. */
export class AuthenticationError extends OpenRouterError {
  static override readonly brand: string = 'AuthenticationError';
  declare static readonly isInstance: (value: unknown) => value is AuthenticationError;
}
