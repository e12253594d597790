import type { ChatResult } from '../stream/chat-result';
import type { WireAvailability } from '../wire/error';

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
  /**
   * HTTP attempts the client's retry loop made before giving up (1 = not retried). `undefined` for
   * errors found after a 2xx response (error bodies with status 200, in-band stream errors, parse
   * errors): no retry layer has seen those yet.
   */
  attempts?: number;
};

/**
 * The root of every error this project throws. Checks work across duplicated package copies and
 * minified builds: use `OpenRouterError.isInstance(error)` (or a subclass's `isInstance`) instead of
 * `instanceof`. Each class declares a `brand` (also its `name`); the constructor marks the instance
 * with `Symbol.for('openrouter-adapters.error.<brand>')` for every class in its chain.
 */
export class OpenRouterError extends Error {
  static readonly brand: string = 'OpenRouterError';
  declare readonly status: number | undefined;
  declare readonly code: number | string | undefined;
  declare readonly errorType: string | undefined;
  declare readonly providerName: string | undefined;
  declare readonly providerCode: string | number | undefined;
  declare readonly metadata: Record<string, unknown> | undefined;
  declare readonly headers: Record<string, string> | undefined;
  declare readonly responseBody: string | undefined;
  declare readonly url: string | undefined;
  readonly isRetryable: boolean;
  declare readonly retryAfterMs: number | undefined;
  declare readonly availability: WireAvailability | undefined;
  declare readonly rateLimit: RateLimitInfo | undefined;
  declare readonly requestId: string | undefined;
  declare readonly generationId: string | undefined;
  declare readonly partial: ChatResult | undefined;
  readonly attempts: number | undefined;

  constructor({ message, cause, ...details }: OpenRouterErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    const Class = new.target;
    Object.assign(this, { name: Class.brand }, details);
    this.isRetryable = details.isRetryable ?? false;
    this.attempts = details.attempts;
    for (let target: unknown = Class; target !== Error && typeof target === 'function'; ) {
      if (Object.hasOwn(target, 'brand')) {
        Object.defineProperty(this, brandSymbol((target as typeof OpenRouterError).brand), { value: true });
      }
      target = Object.getPrototypeOf(target);
    }
  }

  static isInstance(value: unknown): value is OpenRouterError {
    return hasBrand(value, 'OpenRouterError');
  }

  /**
   * A plain, serialisable view: every property except `headers`, `responseBody`, `metadata` and
   * `partial` (large or raw upstream data); no stack; the cause chain summarised as `{ name, message }`
   * (or the cause's own `toJSON` when it is one of ours).
   */
  toJSON(): Record<string, unknown> {
    return plain(this, 0);
  }
}

function plain(error: OpenRouterError, depth: number): Record<string, unknown> {
  const { headers, responseBody, metadata, partial, ...rest } = error;
  return { ...rest, message: error.message, cause: summarizeCause(error.cause, depth + 1) };
}

/** Our errors in full (minus raw data); foreign ones as `{ name, message }` (their other fields may hold anything). */
function summarizeCause(cause: unknown, depth: number): unknown {
  if (depth > 4 || cause === undefined) return undefined;
  if (OpenRouterError.isInstance(cause)) return plain(cause, depth);
  if (typeof cause === 'string') return cause;
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { name, message } = cause as { name?: unknown; message?: unknown };
  return { name, message, cause: summarizeCause((cause as { cause?: unknown }).cause, depth + 1) };
}

const brandSymbol = (brand: string): symbol => Symbol.for(`openrouter-adapters.error.${brand}`);

/** @internal Whether `value` was built by the class with this brand (or a subclass), in any package copy. */
export function hasBrand(value: unknown, brand: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brandSymbol(brand)] === true
  );
}
