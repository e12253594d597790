import { OpenRouterError, type OpenRouterErrorOptions } from './openrouter-error';

/**
 * A client-side timeout: `connect` (no response headers in time), `total` (the whole request took
 * too long) or `idle` (no byte arrived for `idleTimeoutMs` while streaming).
 */
export class TimeoutError extends OpenRouterError {
  static override readonly brand: string = 'TimeoutError';
  declare static readonly isInstance: (value: unknown) => value is TimeoutError;
  declare readonly kind: 'connect' | 'total' | 'idle';
  declare readonly timeoutMs: number;

  constructor(options: OpenRouterErrorOptions & { kind: 'connect' | 'total' | 'idle'; timeoutMs: number }) {
    super(options);
  }
}
