import { OpenRouterError } from './openrouter-error';

/** 502: the upstream provider failed or returned an invalid response. */
export class ProviderError extends OpenRouterError {
  static override readonly brand: string = 'ProviderError';
  declare static readonly isInstance: (value: unknown) => value is ProviderError;
}
