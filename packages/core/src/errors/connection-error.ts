import { OpenRouterError } from './openrouter-error';

/** The connection failed or was reset (no HTTP status). */
export class ConnectionError extends OpenRouterError {
  static override readonly brand: string = 'ConnectionError';
  declare static readonly isInstance: (value: unknown) => value is ConnectionError;
}
