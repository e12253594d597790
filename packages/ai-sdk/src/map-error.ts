import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { AbortError, InvalidOptionsError, OpenRouterError } from '@openrouter-adapters/core';

export type ErrorContext = {
  /** The endpoint called (used when the error does not carry one). */
  url: string;
  /** The wire body that was sent. */
  requestBody: unknown;
  /**
   * Core's retry budget for the request (`0`: core does not retry). Exactly one layer retries:
   * when core retries, every error is surfaced with `isRetryable: false` so the AI SDK does not
   * retry it a second time; the original verdict stays on `cause.isRetryable`.
   */
  coreMaxRetries: number;
  /**
   * An in-band error surfaced as a stream `error` part: the AI SDK never retries those, so
   * `isRetryable` carries core's verdict for the caller (would a new call likely succeed?).
   */
  inBand?: boolean;
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
    isRetryable:
      error.isRetryable && (context.inBand === true || retryableByAiSdk(error, context.coreMaxRetries)),
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
 * The AI SDK may retry only what no other layer handles and what cannot have been billed:
 * errors from core's retry loop (`attempts` is set) when core's own retries are off. Errors found
 * after a 2xx response (a 200 body holding `{error}`, a choice that finished with an error after
 * partial output, an unparsable body, in-band stream errors) leave `attempts` undefined and are
 * never retried: the upstream may already have generated (and billed) tokens.
 */
function retryableByAiSdk(error: OpenRouterError, coreMaxRetries: number): boolean {
  return error.attempts !== undefined && coreMaxRetries === 0;
}

function describe(error: OpenRouterError): string {
  const provider = error.providerName;
  if (provider === undefined || error.message.includes(provider)) return error.message;
  return `${error.message} (provider: ${provider})`;
}
