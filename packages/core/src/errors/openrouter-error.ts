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
 * minified builds: use `OpenRouterError.isInstance(error)` (or a subclass's `isInstance`, which also
 * works detached: `errors.filter(RateLimitError.isInstance)`) instead of `instanceof`. Each class
 * declares a `brand` (also its `name`); the constructor marks the instance with
 * `Symbol.for('openrouter-adapters.error.<brand>')` for every class in its chain.
 */
export class OpenRouterError extends Error {
  static readonly brand: string = 'OpenRouterError';
  /** Whether `value` was built by this class (or a subclass), in any copy of the package. */
  declare static readonly isInstance: (value: unknown) => value is OpenRouterError;
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

  /** Subclasses add no constructor logic: every option (also `kind`, `issues`...) becomes a property. */
  constructor({ message, cause, ...details }: OpenRouterErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { name: new.target.brand }, details);
    this.isRetryable = details.isRetryable ?? false;
    this.attempts = details.attempts;
    for (let Class: typeof OpenRouterError = new.target; Class.brand; Class = Object.getPrototypeOf(Class)) {
      if (Object.hasOwn(Class, 'brand'))
        Object.defineProperty(this, brandSymbol(Class.brand), { value: true });
    }
  }

  static {
    // A getter, so `X.isInstance` is bound to `X` for every subclass, also when passed around detached.
    Object.defineProperty(OpenRouterError, 'isInstance', {
      get(this: typeof OpenRouterError) {
        const brand = this.brand;
        return (value: unknown): boolean => hasBrand(value, brand);
      },
    });
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
  if (typeof cause === 'string') return cause;
  if (OpenRouterError.isInstance(cause)) return plain(cause, depth);
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { name, message } = cause as { name?: unknown; message?: unknown };
  return { name, message, cause: summarizeCause((cause as { cause?: unknown }).cause, depth + 1) };
}

const brandSymbol = (brand: string): symbol => Symbol.for(`openrouter-adapters.error.${brand}`);

function hasBrand(value: unknown, brand: string): boolean {
  return (value as Record<symbol, unknown> | null)?.[brandSymbol(brand)] === true;
}
