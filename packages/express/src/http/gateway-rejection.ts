import {
  AuthenticationError,
  BadRequestError,
  EdgeTimeoutError,
  NotFoundError,
  type OpenRouterError,
  type OpenRouterErrorOptions,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
} from '@openrouter-adapters/core';

type RejectionStatus = 400 | 401 | 403 | 404 | 405 | 408 | 413 | 415 | 429 | 503 | 504;

const classes: Record<RejectionStatus, new (options: OpenRouterErrorOptions) => OpenRouterError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  405: BadRequestError,
  408: RequestTimeoutError,
  413: PayloadTooLargeError,
  415: BadRequestError,
  429: RateLimitError,
  503: ServiceUnavailableError,
  504: EdgeTimeoutError,
};

/**
 * A request the middleware itself turns down, as core's typed error for the status. `errorType`
 * goes to `metadata.error_type` (e.g. `model_not_allowed`); `metadata` holds the details the
 * client needs to change its request; `headers` (e.g. `retry-after`) go on the response.
 */
export function gatewayRejection(
  status: RejectionStatus,
  errorType: string,
  message: string,
  details: {
    metadata?: Record<string, unknown>;
    headers?: Record<string, string>;
    retryAfterMs?: number;
  } = {},
): OpenRouterError {
  const ErrorClass = classes[status];
  return new ErrorClass({
    message,
    status,
    code: status,
    errorType,
    metadata: { error_type: errorType, limit_source: 'gateway', ...details.metadata },
    headers: details.headers,
    retryAfterMs: details.retryAfterMs,
    isRetryable: status === 408 || status === 429 || status === 503,
  });
}

const gatewayMarker = 'gateway';

/** True for errors made by `gatewayRejection` (policy, limits, bad input), not by upstream. */
export function isGatewayRejection(error: OpenRouterError): boolean {
  return error.metadata?.limit_source === gatewayMarker;
}
