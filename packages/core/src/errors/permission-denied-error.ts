import { hasBrand, OpenRouterError } from './openrouter-error';

/** 403: permission denied (guardrail, key restriction, region). */
export class PermissionDeniedError extends OpenRouterError {
  static override readonly brand: string = 'PermissionDeniedError';

  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasBrand(value, 'PermissionDeniedError');
  }
}
