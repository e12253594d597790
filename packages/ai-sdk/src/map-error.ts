import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import {
  AbortError,
  InvalidOptionsError,
  OpenRouterError,
  ResponseParseError,
} from '@openrouter-adapters/core';

export type ErrorContext = {
  /** The endpoint called (used when the error does not carry one). */
  url: string;
  /** The wire body that was sent. */
  requestBody: unknown;
  /**
   * Core's retry budget for the request (`0`: core does not retry), or `0` for errors that core
   * never retries (in-band stream errors). Errors core's retry loop already handled are surfaced
   * with `isRetryable: false` so the AI SDK does not retry them a second time; the original
   * verdict stays on `cause.isRetryable`.
   */
  coreMaxRetries: number;
};

/**
 * Converts core's typed errors to the AI SDK's: HTTP and stream errors become `APICallError`
 * (core's error as `cause`), invalid options `InvalidArgumentError`. Aborts and anything that is
 * not an OpenRouter error pass through unchanged.
 */
export function mapError(error: unknown, context: ErrorContext): unknown {
  if (AbortError.isInstance(error)) return error;
  if (!OpenRouterError.isInstance(error)) return error;
  if (InvalidOptionsError.isInstance(error)) return invalidOptionsToArgumentError(error);
  return new APICallError({
    message: describe(error),
    url: error.url ?? context.url,
    requestBodyValues: context.requestBody,
    statusCode: error.status,
    responseHeaders: error.headers,
    responseBody: error.responseBody,
    cause: error,
    isRetryable: error.isRetryable && !handledByCoreRetries(error, context.coreMaxRetries),
    data: error.toJSON(),
  });
}

/** `InvalidOptionsError` → `InvalidArgumentError` whose message names every problem. */
export function invalidOptionsToArgumentError(error: InvalidOptionsError): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: error.issues.map((issue) => issue.path || '(root)').join(', '),
    message: error.message,
    cause: error,
  });
}

/**
 * Core retries before the first response byte only. Errors found in a 2xx response (an error
 * body with status 200, an unparsable body) never went through its retry loop; core marks the
 * ones that did with `attempts` (older cores do not: then every HTTP error counts as retried).
 */
function handledByCoreRetries(error: OpenRouterError, coreMaxRetries: number): boolean {
  if (coreMaxRetries === 0 || ResponseParseError.isInstance(error)) return false;
  if (!('attempts' in error)) return true;
  return typeof (error as { attempts?: unknown }).attempts === 'number';
}

function describe(error: OpenRouterError): string {
  const provider = error.providerName;
  if (provider === undefined || error.message.includes(provider)) return error.message;
  return `${error.message} (provider: ${provider})`;
}
