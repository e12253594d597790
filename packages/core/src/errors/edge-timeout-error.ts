import { OpenRouterError } from './openrouter-error';

/** 504 / 524: a gateway or edge timeout. */
export class EdgeTimeoutError extends OpenRouterError {
  static override readonly brand: string = 'EdgeTimeoutError';
  declare static readonly isInstance: (value: unknown) => value is EdgeTimeoutError;
}
