import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  InsufficientCreditsError,
  InvalidOptionsError,
  NoEndpointsError,
  NotFoundError,
  OpenRouterError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  StreamTruncatedError,
  TimeoutError,
} from '@openrouter-adapters/core';

/**
 * Says in plain words what went wrong and what to do, for any error the three paths can meet:
 * core's typed errors (also when the AI SDK wraps them as `cause`), the middleware's own
 * rejections (budget, allowlist, rate limits), aborts and anything else.
 */
export function describeError(error: unknown): string {
  const known = findOpenRouterError(error);
  if (known === undefined) {
    if (isAbort(error)) return 'Stopped.';
    const message = error instanceof Error ? error.message : String(error);
    return `Something went wrong: ${message}`;
  }
  return describeOpenRouterError(known);
}

function describeOpenRouterError(error: OpenRouterError): string {
  // A boolean check, not a type guard: the subclasses share one shape, so guards would narrow to never.
  const is = (Class: { isInstance(value: unknown): boolean }): boolean => Class.isInstance(error);
  const fromGateway = error.metadata?.limit_source === 'gateway';
  const type = error.errorType ?? '';
  const message = error.message.trim();
  const retry = error.retryAfterMs === undefined ? '' : ` Try again in ${formatWait(error.retryAfterMs)}.`;
  const provider = error.providerName === undefined ? '' : ` (${error.providerName})`;

  if (is(AbortError)) return 'Stopped.';
  if (fromGateway && type === 'budget_exceeded')
    return `Budget spent: ${stripPrefix(message, 'Budget spent:')}`;
  if (
    fromGateway &&
    (type === 'rate_limit_exceeded' || type === 'token_limit_exceeded' || type === 'too_many_streams')
  ) {
    return `Rate limited by this demo server: ${message}`;
  }
  if (fromGateway && error.status === 403) return `Model not allowed: ${message}`;
  if (is(StreamTruncatedError)) {
    return 'The connection dropped before the answer was complete. The partial answer is kept above; send the message again to retry.';
  }
  if (is(StreamError)) {
    const code = error.status ?? error.code;
    return `The provider failed in the middle of the answer${provider}${code === undefined ? '' : `, error ${code}`}: ${message}. The partial answer is kept above; send the message again to retry.`;
  }
  if (is(RateLimitError)) {
    return `Rate limited: the model’s provider${provider} is receiving too many requests right now.${retry || ' Wait a moment and try again.'}`;
  }
  if (is(InsufficientCreditsError)) {
    return `Out of credits: the OpenRouter key paying for this chat has no credits left (${message}).`;
  }
  if (is(AuthenticationError)) {
    return `Not authorised: ${message}. Sign in with OpenRouter, or check OPENROUTER_API_KEY on the server.`;
  }
  if (is(PermissionDeniedError)) return `Refused: ${message}`;
  if (is(NoEndpointsError) || is(NotFoundError)) {
    return `No provider can serve this request: ${message}. Try another model, or relax the routing settings.`;
  }
  if (is(InvalidOptionsError)) return `Invalid settings: ${message}`;
  if (is(TimeoutError)) return `Timed out: ${message}.`;
  if (is(ConnectionError)) return `Could not reach OpenRouter: ${message}.`;
  if (error.status !== undefined && error.status >= 500) {
    return `The provider is unavailable${provider} (error ${error.status}): ${message}.${retry}`;
  }
  return message === '' ? `OpenRouter error ${error.status ?? ''}`.trim() : message;
}

/** Core's error, directly or as the `cause` of a framework error (the AI SDK's `APICallError`). */
function findOpenRouterError(error: unknown): OpenRouterError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (OpenRouterError.isInstance(current)) return current;
    if (typeof current !== 'object') return undefined;
    const candidate = current as { cause?: unknown; lastError?: unknown };
    current = candidate.cause ?? candidate.lastError;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ResponseAborted');
}

function stripPrefix(message: string, prefix: string): string {
  return message.startsWith(prefix) ? message.slice(prefix.length).trim() : message;
}

/** "30 s", "2 min", "3 h". */
export function formatWait(milliseconds: number): string {
  const seconds = Math.max(1, Math.ceil(milliseconds / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.ceil(minutes / 60)} h`;
}
