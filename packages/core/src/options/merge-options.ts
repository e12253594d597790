import type { OpenRouterOptions } from './openrouter-options';

/** Options whose value is an object merged key by key (one level deep) across levels. */
const mergedKeys: ReadonlySet<string> = new Set([
  'provider',
  'reasoning',
  'promptCaching',
  'trace',
  'metadata',
  'webSearch',
  'debug',
]);

/**
 * Merges option levels (e.g. provider defaults → model settings → call options): later levels
 * win, `undefined` never overrides, `provider`/`reasoning`/`promptCaching`/`trace`/`metadata`/
 * `webSearch`/`debug` are merged one level deep, and arrays are replaced, not concatenated.
 * Inputs are not mutated; the result shares no object or array with them.
 */
export function mergeOptions(...levels: Array<OpenRouterOptions | undefined>): OpenRouterOptions {
  const result: Record<string, unknown> = {};
  for (const level of levels) {
    if (level === undefined) continue;
    for (const [key, value] of Object.entries(level)) {
      if (value === undefined) continue;
      const previous = result[key];
      if (mergedKeys.has(key) && isRecord(value)) {
        setOwn(result, key, { ...(isRecord(previous) ? previous : {}), ...copyDefined(value) });
      } else {
        setOwn(result, key, copy(value));
      }
    }
  }
  return result as OpenRouterOptions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copyDefined(object: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object))
    if (value !== undefined) setOwn(result, key, copy(value));
  return result;
}

/** A deep copy of plain data (options are JSON-like). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) setOwn(result, key, copy(entry));
    return result;
  }
  return value;
}

/**
 * Defines an own data property. Plain assignment of a `__proto__` key (possible in parsed JSON)
 * would replace the prototype instead; keeping it as data lets `validateOptions` reject it.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
