const marker = Symbol.for('openrouter-adapters.express.StoreUnavailableError');

/** A store operation failed or took longer than `storeTimeoutMs`. */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';
  readonly operation: string;

  constructor(operation: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The limits store failed during ${operation}: ${reason}`, { cause });
    this.operation = operation;
    Object.defineProperty(this, marker, { value: true });
  }

  static isInstance(value: unknown): value is StoreUnavailableError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
