import { NotFoundError } from './not-found-error';
import { errorMarker, hasMarker } from './openrouter-error';

const marker = errorMarker('NoEndpointsError');

/** 404: no endpoint matches the model and routing constraints (`availability` tells why). */
export class NoEndpointsError extends NotFoundError {
  private readonly [marker] = true;
  override readonly name: string = 'NoEndpointsError';

  static override isInstance(value: unknown): value is NoEndpointsError {
    return hasMarker(value, marker);
  }
}
