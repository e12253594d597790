import { hasBrand, OpenRouterError, type OpenRouterErrorOptions } from './openrouter-error';

/**
 * A client-side timeout: `connect` (no response headers in time), `total` (the whole request took
 * too long) or `idle` (no byte arrived for `idleTimeoutMs` while streaming).
 */
export class TimeoutError extends OpenRouterError {
  static override readonly brand: string = 'TimeoutError';
  readonly kind: 'connect' | 'total' | 'idle';
  readonly timeoutMs: number;

  constructor(options: OpenRouterErrorOptions & { kind: 'connect' | 'total' | 'idle'; timeoutMs: number }) {
    super(options);
    this.kind = options.kind;
    this.timeoutMs = options.timeoutMs;
  }

  static override isInstance(value: unknown): value is TimeoutError {
    return hasBrand(value, 'TimeoutError');
  }
}
