import { OpenRouterError } from './openrouter-error';

/** 403: permission denied (guardrail, key restriction, region). */
export class PermissionDeniedError extends OpenRouterError {
  static override readonly brand: string = 'PermissionDeniedError';
  declare static readonly isInstance: (value: unknown) => value is PermissionDeniedError;
}
