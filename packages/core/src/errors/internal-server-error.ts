import { OpenRouterError } from './openrouter-error';

/** 500 (and unknown 5xx): OpenRouter failed. */
export class InternalServerError extends OpenRouterError {
  static override readonly brand: string = 'InternalServerError';
  declare static readonly isInstance: (value: unknown) => value is InternalServerError;
}
