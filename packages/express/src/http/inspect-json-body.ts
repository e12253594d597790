import type { OpenRouterError } from '@openrouter-adapters/core';
import { gatewayRejection } from './gateway-rejection';

const forbiddenKeys = new Set(['__proto__', 'constructor']);
/** Deep enough for nested tool schemas; deeper bodies are attacks or bugs. */
export const maxJsonDepth = 64;

/**
 * Checks a parsed body without recursion (so no depth can overflow the stack): the top level must
 * be an object, nesting at most `maxJsonDepth` levels, and no key may be `__proto__` or
 * `constructor` (they could pollute prototypes in code that merges the body). Returns the
 * rejection, or `undefined` when the body is fine.
 */
export function inspectJsonBody(body: unknown): OpenRouterError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return gatewayRejection(
      400,
      'invalid_body',
      'The request body must be a JSON object, e.g. {"model": "…", "messages": […]}',
    );
  }
  const stack: Array<{ value: object; depth: number; path: string }> = [{ value: body, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > maxJsonDepth) {
      return gatewayRejection(
        400,
        'invalid_body',
        `The request body nests deeper than ${maxJsonDepth} levels (at ${path || 'the top level'}); flatten it`,
      );
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (typeof item === 'object' && item !== null)
          stack.push({ value: item, depth: depth + 1, path: `${path}[${index}]` });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      const itemPath = path ? `${path}.${key}` : key;
      if (forbiddenKeys.has(key)) {
        return gatewayRejection(
          400,
          'forbidden_key',
          `The request body contains the key "${key}" (at ${itemPath}), which is not accepted; remove it`,
          { metadata: { path: itemPath } },
        );
      }
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null)
        stack.push({ value: item, depth: depth + 1, path: itemPath });
    }
  }
  return undefined;
}
