import { hasBrand } from './openrouter-error';
import { PermissionDeniedError } from './permission-denied-error';

/** 403: the input was flagged by moderation (`reasons`, `flaggedInput`). */
export class ModerationError extends PermissionDeniedError {
  static override readonly brand: string = 'ModerationError';

  static override isInstance(value: unknown): value is ModerationError {
    return hasBrand(value, 'ModerationError');
  }
}
