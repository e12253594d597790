import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('EdgeTimeoutError');

/** 504 / 524: a gateway or edge timeout. */
export class EdgeTimeoutError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'EdgeTimeoutError';

  static override isInstance(value: unknown): value is EdgeTimeoutError {
    return hasMarker(value, marker);
  }
}
