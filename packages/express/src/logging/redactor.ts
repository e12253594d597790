const placeholder = '[redacted]';
/** OpenRouter keys (`sk-or-v1-…`) and bearer tokens, wherever they appear in text. */
const secretPattern = /sk-or-[A-Za-z0-9_-]{6,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;
/** Property names whose values are never logged. */
const secretNames =
  /^(authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|key|token|code_?verifier|password|secret)$/i;
const maxDepth = 6;

/** Removes secrets from values before they reach a log line, an event or an error response. */
export class Redactor {
  private readonly secrets: readonly string[];
  private readonly secretBytes: readonly Buffer[];

  /** Exact secrets to remove (the server key, a user's key); shorter than 8 characters are ignored. */
  constructor(secrets: readonly (string | undefined)[] = []) {
    this.secrets = secrets.filter(
      (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
    );
    this.secretBytes = this.secrets.map((secret) => Buffer.from(secret, 'utf8'));
  }

  /** A redactor that also removes `secret` (e.g. the user's own key for one request). */
  with(secret: string | undefined): Redactor {
    return secret && secret.length >= 8 && !this.secrets.includes(secret)
      ? new Redactor([...this.secrets, secret])
      : this;
  }

  /**
   * Bytes on their way to a client (stream lines, bodies) with every exact secret replaced. The
   * common case (no secret inside) is one native search per secret and returns the same bytes.
   */
  bytes(chunk: Uint8Array): Uint8Array {
    if (this.secretBytes.length === 0) return chunk;
    const view = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.secretBytes.some((secret) => view.includes(secret))) return chunk;
    return Buffer.from(this.text(view.toString('utf8')), 'utf8');
  }

  text(value: string): string {
    let text = value;
    for (const secret of this.secrets) if (text.includes(secret)) text = text.replaceAll(secret, placeholder);
    return text.replace(secretPattern, placeholder);
  }

  /** A redacted plain copy of `value` (errors become `{ name, message, status, code }`). */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= maxDepth) return '[…]';
    if (value instanceof Error) {
      const details = value as Error & { status?: unknown; code?: unknown };
      return {
        name: value.name,
        message: this.text(value.message),
        ...(details.status === undefined ? {} : { status: details.status }),
        ...(details.code === undefined ? {} : { code: this.value(details.code, depth + 1) }),
      };
    }
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      copy[name] = secretNames.test(name) ? placeholder : this.value(item, depth + 1);
    }
    return copy;
  }

  /**
   * Removes the exact secrets from an error handed to `onError`, in place (message, stack, string
   * and plain-object properties such as `partial`, and the cause chain), and returns it. Nothing is
   * touched when no secret occurs in it.
   */
  scrubError<T>(error: T): T {
    if (this.secrets.length === 0 || !(error instanceof Error)) return error;
    scrubInPlace(error, this.secrets, 0);
    return error;
  }
}

function scrubValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const secret of secrets) if (text.includes(secret)) text = text.replaceAll(secret, placeholder);
    return text;
  }
  if (typeof value !== 'object' || value === null || depth > maxDepth) return value;
  if (value instanceof Error) return scrubInPlace(value, secrets, depth + 1);
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  let changed = false;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([] as unknown as Record<string, unknown>)
    : {};
  for (const [name, item] of Object.entries(value)) {
    const scrubbed = scrubValue(item, secrets, depth + 1);
    changed ||= scrubbed !== item;
    copy[name] = scrubbed;
  }
  return changed ? copy : value;
}

function scrubInPlace(error: Error, secrets: readonly string[], depth: number): Error {
  const stack = error.stack;
  for (const name of new Set([...Object.keys(error), 'message', 'stack', 'cause'])) {
    const descriptor = Object.getOwnPropertyDescriptor(error, name);
    if (!descriptor || (!('value' in descriptor) && name !== 'stack')) continue;
    const value = name === 'stack' ? stack : descriptor.value;
    const scrubbed = scrubValue(value, secrets, depth);
    if (scrubbed !== value) {
      Object.defineProperty(error, name, {
        value: scrubbed,
        writable: true,
        configurable: true,
        enumerable: descriptor.enumerable ?? false,
      });
    }
  }
  return error;
}
