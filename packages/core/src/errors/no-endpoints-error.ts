import { NotFoundError } from './not-found-error';

/** 404: no endpoint matches the model and routing constraints (`availability` tells why). */
export class NoEndpointsError extends NotFoundError {
  static override readonly brand: string = 'NoEndpointsError';
  declare static readonly isInstance: (value: unknown) => value is NoEndpointsError;
}
