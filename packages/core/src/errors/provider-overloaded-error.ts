import { OpenRouterError } from './openrouter-error';

/** 529: the provider is overloaded. */
export class ProviderOverloadedError extends OpenRouterError {
  static override readonly brand: string = 'ProviderOverloadedError';
  declare static readonly isInstance: (value: unknown) => value is ProviderOverloadedError;
}
