const marker = Symbol.for('openrouter-adapters.express.HookError');

/**
 * An error thrown by (or a bad value returned from) one of the application's own functions
 * (`authorize`, `resolveApiKey`, per-request options, key stores). It belongs to the application,
 * so the middleware passes `cause` to Express's `next(error)`.
 */
export class HookError extends Error {
  override readonly name: string = 'HookError';
  readonly hook: string;

  constructor(hook: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`openRouter(): ${hook} failed: ${reason}`, { cause });
    this.hook = hook;
    Object.defineProperty(this, marker, { value: true });
  }

  static isInstance(value: unknown): value is HookError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/** Runs an application function; anything it throws becomes a `HookError`. */
export async function callHook<T>(hook: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new HookError(hook, error);
  }
}
