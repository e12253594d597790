import type { ChatResult } from '../stream/chat-result';
import type { WireAvailability } from '../wire/error';

const namespace = 'openrouter-adapters.error';
const baseMarker = Symbol.for(namespace);

export type RateLimitInfo = {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds (OpenRouter's `X-RateLimit-Reset`). */
  resetAtMs?: number;
};

export type OpenRouterErrorOptions = {
  message: string;
  cause?: unknown;
  /** HTTP status, or the in-band error code of a stream error. */
  status?: number;
  /** `error.code` as sent (number or string). */
  code?: number | string;
  /** `metadata.error_type` or `error.error_type`. */
  errorType?: string;
  providerName?: string;
  providerCode?: string | number;
  metadata?: Record<string, unknown>;
  /** Response headers (lower-case names). Never the request's. */
  headers?: Record<string, string>;
  /** The response body as received (for debugging); never contains the request. */
  responseBody?: string;
  url?: string;
  isRetryable?: boolean;
  retryAfterMs?: number;
  availability?: WireAvailability;
  rateLimit?: RateLimitInfo;
  requestId?: string;
  generationId?: string;
  /** What was received before the failure (stream errors, idle timeouts, mid-stream aborts). */
  partial?: ChatResult;
};

/**
 * The root of every error this project throws. Checks work across duplicated package copies:
 * use `OpenRouterError.isInstance(error)` (or a subclass's `isInstance`) instead of `instanceof`.
 */
export class OpenRouterError extends Error {
  private readonly [baseMarker] = true;
  override readonly name: string = 'OpenRouterError';
  readonly status: number | undefined;
  readonly code: number | string | undefined;
  readonly errorType: string | undefined;
  readonly providerName: string | undefined;
  readonly providerCode: string | number | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly responseBody: string | undefined;
  readonly url: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly availability: WireAvailability | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly requestId: string | undefined;
  readonly generationId: string | undefined;
  readonly partial: ChatResult | undefined;

  constructor(options: OpenRouterErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.errorType = options.errorType;
    this.providerName = options.providerName;
    this.providerCode = options.providerCode;
    this.metadata = options.metadata;
    this.headers = options.headers;
    this.responseBody = options.responseBody;
    this.url = options.url;
    this.isRetryable = options.isRetryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.availability = options.availability;
    this.rateLimit = options.rateLimit;
    this.requestId = options.requestId;
    this.generationId = options.generationId;
    this.partial = options.partial;
  }

  static isInstance(value: unknown): value is OpenRouterError {
    return hasMarker(value, baseMarker);
  }

  /** A plain, serialisable view (no stack, no cause chain objects, never a key). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      errorType: this.errorType,
      providerName: this.providerName,
      providerCode: this.providerCode,
      isRetryable: this.isRetryable,
      retryAfterMs: this.retryAfterMs,
      availability: this.availability,
      rateLimit: this.rateLimit,
      requestId: this.requestId,
      generationId: this.generationId,
      url: this.url,
    };
  }
}

/** @internal Creates the per-class marker used by `isInstance`. */
export function errorMarker(name: string): symbol {
  return Symbol.for(`${namespace}.${name}`);
}

/** @internal */
export function hasMarker(value: unknown, marker: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    marker in value &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}
