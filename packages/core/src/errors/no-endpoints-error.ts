import { NotFoundError } from './not-found-error';
import { hasBrand } from './openrouter-error';

/** 404: no endpoint matches the model and routing constraints (`availability` tells why). */
export class NoEndpointsError extends NotFoundError {
  static override readonly brand: string = 'NoEndpointsError';

  static override isInstance(value: unknown): value is NoEndpointsError {
    return hasBrand(value, 'NoEndpointsError');
  }
}
