import { EmulatorHttpError } from '../http/emulator-http-error';

/** `metadata.error_type` per HTTP status (OpenRouter's `ApiErrorType` values). */
export function errorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request';
    case 401:
      return 'authentication';
    case 402:
      return 'payment_required';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 408:
    case 504:
    case 524:
      return 'timeout';
    case 413:
      return 'payload_too_large';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rate_limit_exceeded';
    case 502:
    case 503:
      return 'provider_unavailable';
    case 529:
      return 'provider_overloaded';
    default:
      return status >= 500 ? 'server' : 'invalid_request';
  }
}

/** OpenRouter's message for a status when nothing more specific applies. */
export function messageForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'Invalid request parameters';
    case 401:
      return 'No auth credentials found';
    case 402:
      return 'Insufficient credits. Add more using https://openrouter.ai/credits';
    case 403:
      return 'Your input was flagged by the moderation filter. No credits were charged.';
    case 404:
      return 'No endpoints found for this model.';
    case 408:
      return 'Operation timed out. Please try again later.';
    case 409:
      return 'Conflict';
    case 413:
      return 'Request payload too large';
    case 422:
      return 'Invalid argument';
    case 429:
      return 'Rate limit exceeded';
    case 500:
      return 'Internal Server Error';
    case 502:
      return 'Provider returned error';
    case 503:
      return 'Service temporarily unavailable';
    case 504:
      return 'Gateway Timeout';
    case 524:
      return 'Request timed out. Please try again later.';
    case 529:
      return 'Provider returned error';
    default:
      return status >= 500 ? 'Internal Server Error' : 'Bad Request';
  }
}

/** What the upstream provider said, as OpenRouter forwards it in `metadata.raw` (a JSON string). */
function nestedRaw(status: number): string {
  const inner =
    status === 529
      ? { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
      : {
          type: 'error',
          error: { type: 'api_error', message: 'upstream connect error or disconnect/reset before headers' },
        };
  // The provider's own error body arrives wrapped in its gateway's error, itself JSON in a string.
  return JSON.stringify({ error: { message: JSON.stringify(inner), code: status } });
}

/**
 * The body OpenRouter sends for an HTTP error of `status` (used by the `http-error` scenario):
 * `{ error: { code, message, metadata } }` with the metadata a client sees for that status.
 */
export function httpErrorForStatus(
  status: number,
  context: { model: string; provider: string; message?: string; retryAfter?: number },
): EmulatorHttpError {
  const message = context.message ?? messageForStatus(status);
  const headers: Record<string, string> = {};
  if (context.retryAfter !== undefined) headers['retry-after'] = String(context.retryAfter);
  const errorType = errorTypeForStatus(status);
  if (status === 502 || status === 529) {
    return new EmulatorHttpError(status, message, {
      headers,
      metadata: { raw: nestedRaw(status), provider_name: context.provider, error_type: errorType },
    });
  }
  if (status === 403) {
    return new EmulatorHttpError(
      403,
      context.message ?? `${context.model} requires moderation on ${context.provider}. ${message}`,
      {
        headers,
        metadata: {
          reasons: ['harassment'],
          flagged_input: 'You are a terrible...',
          provider_name: context.provider,
          model_slug: context.model,
        },
      },
    );
  }
  if (status === 404) {
    return new EmulatorHttpError(404, context.message ?? `No endpoints found for ${context.model}.`, {
      headers,
      metadata: null,
      availability: {
        code: 'no_endpoints',
        retryable: false,
        requested_models: [context.model],
        docs_url: 'https://openrouter.ai/docs/guides/routing/provider-selection',
      },
    });
  }
  if (status === 429) {
    if (context.retryAfter !== undefined) headers['retry-after'] = String(context.retryAfter);
    return new EmulatorHttpError(429, message, {
      headers,
      metadata: {
        raw: `${context.model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations`,
        provider_name: context.provider,
        error_type: errorType,
        ...(context.retryAfter !== undefined ? { retry_after_seconds: context.retryAfter } : {}),
      },
    });
  }
  if (status >= 500) {
    return new EmulatorHttpError(status, message, {
      headers,
      metadata: { provider_name: context.provider, error_type: errorType },
    });
  }
  return new EmulatorHttpError(status, message, { headers, metadata: { error_type: errorType } });
}
