import { hasBrand, OpenRouterError } from './openrouter-error';

/** 504 / 524: a gateway or edge timeout. */
export class EdgeTimeoutError extends OpenRouterError {
  static override readonly brand: string = 'EdgeTimeoutError';

  static override isInstance(value: unknown): value is EdgeTimeoutError {
    return hasBrand(value, 'EdgeTimeoutError');
  }
}
