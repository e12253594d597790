import { errorMarker, hasMarker, OpenRouterError } from './openrouter-error';

const marker = errorMarker('PermissionDeniedError');

/** 403: permission denied (guardrail, key restriction, region). */
export class PermissionDeniedError extends OpenRouterError {
  private readonly [marker] = true;
  override readonly name: string = 'PermissionDeniedError';

  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasMarker(value, marker);
  }
}
