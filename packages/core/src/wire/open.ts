/**
 * Widens a closed union of string literals so unknown values still type-check:
 * OpenRouter adds enum members without notice, and we must not reject them.
 */
export type Open<T extends string> = T | (string & {});

/** Extra keys the API may send that we do not model yet. */
export type Extra = { [key: string]: unknown };
