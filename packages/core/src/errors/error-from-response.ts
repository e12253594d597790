import { parseJson } from '../json/parse-json';
import type { ChatResult } from '../stream/chat-result';
import type { WireAvailability } from '../wire/error';
import { errorClassForStatus, isRetryableStatus } from './error-class-for-status';
import { bodyExcerpt, findErrorMessage } from './extract-error-message';
import type { OpenRouterError } from './openrouter-error';
import { headerLookup, rateLimitFrom, retryAfterMsFrom } from './retry-hints';
import { StreamError } from './stream-error';

export type ErrorResponseInput = {
  status: number;
  /** Response headers (any case; stored lower-cased). */
  headers?: Record<string, string> | Headers;
  bodyText: string;
  url?: string;
  requestId?: string;
  /** Appended to the message in parentheses, e.g. why the client gave up. */
  detail?: string;
  cause?: unknown;
};

export type ErrorPayloadContext = {
  /** The HTTP status; the payload's `code` wins when this is 2xx or absent. */
  status?: number;
  headers?: Record<string, string>;
  /** What was received before the error (stream errors, choice-level errors). */
  partial?: ChatResult;
  /** `true` → a `StreamError` (an error reported after the stream started). */
  stream?: boolean;
  url?: string;
  detail?: string;
  cause?: unknown;
};

type JsonObject = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function lowerCaseHeaders(headers: Record<string, string> | Headers | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) if (typeof value === 'string') result[name.toLowerCase()] = value;
  return result;
}

/** A numeric HTTP-like status from `code`/`http_status` (numbers or numeric strings in 100..599). */
function statusFromCode(code: unknown): number | undefined {
  const number = typeof code === 'string' && /^\d{3}$/.test(code.trim()) ? Number(code) : code;
  return typeof number === 'number' && Number.isInteger(number) && number >= 100 && number <= 599
    ? number
    : undefined;
}

/** Finds the error object in a body, a stream chunk (top-level or choice-level) or a bare error. */
function errorObjectOf(payload: unknown): JsonObject | undefined {
  if (!isRecord(payload)) return undefined;
  if (isRecord(payload.error)) return payload.error;
  if (typeof payload.error === 'string') return { message: payload.error };
  if (Array.isArray(payload.choices)) {
    for (const choice of payload.choices) if (isRecord(choice) && isRecord(choice.error)) return choice.error;
    return undefined;
  }
  return 'message' in payload || 'code' in payload ? payload : undefined;
}

type BuildContext = ErrorPayloadContext & {
  headers: Record<string, string>;
  responseBody?: string;
  requestId?: string;
  fallbackMessage: string;
};

function buildError(errorObject: JsonObject | undefined, context: BuildContext): OpenRouterError {
  const metadata = isRecord(errorObject?.metadata) ? errorObject.metadata : undefined;
  const availability = (
    isRecord(errorObject?.availability)
      ? errorObject.availability
      : isRecord(metadata?.availability)
        ? metadata.availability
        : undefined
  ) as WireAvailability | undefined;
  const rawCode = errorObject?.code ?? errorObject?.http_status;
  const code = typeof rawCode === 'number' || typeof rawCode === 'string' ? rawCode : context.status;
  const httpStatus = context.status;
  const status =
    httpStatus !== undefined && (httpStatus < 200 || httpStatus >= 300)
      ? httpStatus
      : (statusFromCode(errorObject?.code) ?? statusFromCode(errorObject?.http_status));

  const providerName = typeof metadata?.provider_name === 'string' ? metadata.provider_name : undefined;
  const wrapper = findErrorMessage(errorObject?.message) ?? findErrorMessage(errorObject);
  const real = findErrorMessage(metadata?.raw);
  let message = wrapper ?? real ?? context.fallbackMessage;
  if (wrapper && real && !wrapper.includes(real)) {
    message = `${wrapper}${providerName && !wrapper.includes(providerName) ? ` (${providerName})` : ''}: ${real}`;
  }
  const reasons = metadata?.reasons;
  if (Array.isArray(reasons) && reasons.length > 0) message += ` (flagged: ${reasons.join(', ')})`;
  if (context.detail) message += ` (${context.detail})`;

  const header = headerLookup(context.headers, metadata?.headers);
  const errorType = metadata?.error_type ?? errorObject?.error_type ?? errorObject?.type;
  const providerCode = metadata?.provider_code;
  const ErrorClass = context.stream
    ? StreamError
    : errorClassForStatus(status, { message, metadata, availability });
  return new ErrorClass({
    message,
    cause: context.cause,
    status,
    code,
    errorType: typeof errorType === 'string' ? errorType : undefined,
    providerName,
    providerCode:
      typeof providerCode === 'string' || typeof providerCode === 'number' ? providerCode : undefined,
    metadata,
    headers: context.headers,
    responseBody: context.responseBody,
    url: context.url,
    isRetryable: isRetryableStatus(status, availability),
    retryAfterMs: retryAfterMsFrom(header, availability, metadata),
    availability,
    rateLimit: rateLimitFrom(header),
    requestId: context.requestId ?? context.headers['x-request-id'] ?? context.headers['cf-ray'],
    generationId: context.headers['x-generation-id'] ?? context.partial?.generationId,
    partial: context.partial,
  });
}

/**
 * Builds the typed error for a non-2xx HTTP response (JSON envelope or any other body, e.g. a
 * proxy's HTML page). See NOTES.md for the status table and the retry hints it reads.
 */
export function errorFromResponse(input: ErrorResponseInput): OpenRouterError {
  const headers = lowerCaseHeaders(input.headers);
  const text = input.bodyText;
  let payload: unknown;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      payload = parseJson(text);
    } catch {
      payload = undefined;
    }
  }
  const excerpt = bodyExcerpt(text);
  // A JSON body of another shape (e.g. a proxy's `{"detail": ...}`) is searched for a message too.
  return buildError(errorObjectOf(payload) ?? (isRecord(payload) ? payload : undefined), {
    status: input.status,
    headers,
    url: input.url,
    requestId: input.requestId,
    detail: input.detail,
    cause: input.cause,
    responseBody: text,
    fallbackMessage: excerpt
      ? `HTTP ${input.status}: ${excerpt}`
      : `HTTP ${input.status} with an empty response body`,
  });
}

/**
 * Builds the typed error for an error reported inside a body or stream: `{error: ...}` (also in a
 * 200 body), a chunk whose choice carries `error`, a chunk with `finish_reason: "error"` and no
 * error object, or a bare `{code, message, metadata}`. With `stream: true` it is a `StreamError`.
 */
export function errorFromPayload(payload: unknown, context: ErrorPayloadContext = {}): OpenRouterError {
  return buildError(errorObjectOf(payload), {
    ...context,
    headers: lowerCaseHeaders(context.headers),
    fallbackMessage: context.stream
      ? 'The stream reported an error (finish_reason "error") without a message'
      : 'The response reported an error without a message',
  });
}
