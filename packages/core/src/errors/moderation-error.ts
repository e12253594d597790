import { PermissionDeniedError } from './permission-denied-error';

/** 403: the input was flagged by moderation (`reasons`, `flaggedInput`). */
export class ModerationError extends PermissionDeniedError {
  static override readonly brand: string = 'ModerationError';
  declare static readonly isInstance: (value: unknown) => value is ModerationError;
}
