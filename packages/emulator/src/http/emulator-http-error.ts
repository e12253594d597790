/** OpenRouter's error envelope as the emulator sends it. */
export type ErrorEnvelope = {
  error: {
    code: number;
    message: string;
    metadata: Record<string, unknown> | null;
    availability?: Record<string, unknown>;
  } & Record<string, unknown>;
  user_id?: string;
};

/**
 * Thrown inside handlers to answer with an OpenRouter error envelope. The router catches it and
 * sends `{ error: { code, message, metadata } }` with the status and headers given here.
 */
export class EmulatorHttpError extends Error {
  readonly status: number;
  readonly body: ErrorEnvelope;
  readonly headers: Record<string, string>;
  /** Routing failures let a `models` fallback try the next model; validation errors do not. */
  readonly fallbackAllowed: boolean;

  constructor(
    status: number,
    message: string,
    options: {
      metadata?: Record<string, unknown> | null;
      availability?: Record<string, unknown>;
      headers?: Record<string, string>;
      fallbackAllowed?: boolean;
      /** Extra keys under `error` (e.g. `error_type`). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'EmulatorHttpError';
    this.status = status;
    this.headers = options.headers ?? {};
    this.fallbackAllowed = options.fallbackAllowed ?? false;
    this.body = {
      error: {
        code: status,
        message,
        metadata: options.metadata ?? null,
        ...(options.availability ? { availability: options.availability } : {}),
        ...options.extra,
      },
    };
  }
}

/** Shorthand for a 400 with OpenRouter's envelope. */
export function badRequest(message: string, metadata?: Record<string, unknown>): EmulatorHttpError {
  return new EmulatorHttpError(400, message, { metadata: metadata ?? null });
}
