import { errorMarker, hasMarker } from './openrouter-error';
import { PermissionDeniedError } from './permission-denied-error';

const marker = errorMarker('ModerationError');

/** 403: the input was flagged by moderation (`reasons`, `flaggedInput`). */
export class ModerationError extends PermissionDeniedError {
  private readonly [marker] = true;
  override readonly name: string = 'ModerationError';

  static override isInstance(value: unknown): value is ModerationError {
    return hasMarker(value, marker);
  }
}
