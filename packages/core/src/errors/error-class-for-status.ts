import type { WireAvailability } from '../wire/error';
import { AuthenticationError } from './authentication-error';
import { BadRequestError } from './bad-request-error';
import { EdgeTimeoutError } from './edge-timeout-error';
import { InsufficientCreditsError } from './insufficient-credits-error';
import { InternalServerError } from './internal-server-error';
import { ModerationError } from './moderation-error';
import { NoEndpointsError } from './no-endpoints-error';
import { NotFoundError } from './not-found-error';
import { OpenRouterError, type OpenRouterErrorOptions } from './openrouter-error';
import { PayloadTooLargeError } from './payload-too-large-error';
import { PermissionDeniedError } from './permission-denied-error';
import { ProviderError } from './provider-error';
import { ProviderOverloadedError } from './provider-overloaded-error';
import { RateLimitError } from './rate-limit-error';
import { RequestTimeoutError } from './request-timeout-error';
import { ServiceUnavailableError } from './service-unavailable-error';
import { UnprocessableEntityError } from './unprocessable-entity-error';

type ErrorClass = new (options: OpenRouterErrorOptions) => OpenRouterError;

const byStatus: Record<number, ErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientCreditsError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: RequestTimeoutError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
  502: ProviderError,
  503: ServiceUnavailableError,
  504: EdgeTimeoutError,
  524: EdgeTimeoutError,
  529: ProviderOverloadedError,
};

const noEndpointsWording = /no (allowed |available )?(endpoints|providers)|not available|availability/i;

/** The error class for an HTTP status (NOTES.md's table); unknown 4xx → BadRequest, unknown 5xx → InternalServer. */
export function errorClassForStatus(
  status: number | undefined,
  details: { message?: string; metadata?: Record<string, unknown>; availability?: WireAvailability } = {},
): ErrorClass {
  if (status === undefined) return OpenRouterError;
  if (
    status === 403 &&
    (details.metadata?.reasons !== undefined || details.metadata?.flagged_input !== undefined)
  ) {
    return ModerationError;
  }
  if (status === 404 && (details.availability || noEndpointsWording.test(details.message ?? ''))) {
    return NoEndpointsError;
  }
  return (
    byStatus[status] ??
    (status >= 500 ? InternalServerError : status >= 400 ? BadRequestError : OpenRouterError)
  );
}

/** 408, 429 and every 5xx are retryable; 404 only when `availability.retryable`; other 4xx never. */
export function isRetryableStatus(status: number | undefined, availability?: WireAvailability): boolean {
  if (status === undefined) return false;
  return (
    status === 408 || status === 429 || status >= 500 || (status === 404 && availability?.retryable === true)
  );
}
