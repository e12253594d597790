const placeholder = '[redacted]';

/** Returns `value` itself when nothing needed redacting, otherwise a redacted copy (errors: in place). */
function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const secret of secrets) if (text.includes(secret)) text = text.replaceAll(secret, placeholder);
    return text;
  }
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return redactInPlace(value, secrets, depth + 1);
  const isArray = Array.isArray(value);
  const prototype = Object.getPrototypeOf(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) return value;
  let changed = false;
  const copy: Record<string, unknown> = isArray ? ([] as unknown as Record<string, unknown>) : {};
  for (const [key, item] of Object.entries(value)) {
    const redacted = redactValue(item, secrets, depth + 1);
    changed ||= redacted !== item;
    copy[key] = redacted;
  }
  return changed ? copy : value;
}

function redactInPlace(error: Error, secrets: readonly string[], depth: number): Error {
  const target = error as unknown as Record<string, unknown>;
  // Read the stack first: some engines format it lazily from the current message.
  const stack = error.stack;
  for (const key of new Set([...Object.keys(target), 'message', 'cause', 'stack'])) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || (!('value' in descriptor) && key !== 'stack')) continue;
    const value = key === 'stack' ? stack : descriptor.value;
    const redacted = redactValue(value, secrets, depth);
    if (redacted !== value) {
      Object.defineProperty(error, key, {
        value: redacted,
        writable: true,
        configurable: true,
        enumerable: descriptor.enumerable ?? false,
      });
    }
  }
  return error;
}

/**
 * Removes every occurrence of the given secrets (API keys, auth codes) from an error's message,
 * stack, string and plain-object properties and its cause chain, in place, and returns it.
 * Secrets shorter than 8 characters are ignored (they would redact ordinary words).
 */
export function redactSecrets<T>(error: T, secrets: readonly (string | undefined)[]): T {
  const active = secrets.filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
  );
  if (active.length > 0 && error instanceof Error) redactInPlace(error, active, 0);
  return error;
}
