import type { OptionIssue } from '../errors/invalid-options-error';
import { suggestOptionName } from './suggest-option-name';
import { toCamelCase } from './to-camel-case';

/**
 * Small composable validators for the camelCase options. A rule checks one value, records every
 * problem in `issues` (paths in camelCase) and returns a clean copy, or `INVALID`.
 * `objectRule<T>` takes one rule per key of `T`, so the validator cannot drift from the type.
 */

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;
export type Rule<T> = (value: unknown, path: string, issues: OptionIssue[]) => T | Invalid;
export type Shape<T> = { [K in keyof T]-?: Rule<Exclude<T[K], undefined>> };

/** Keys that could pollute prototypes when objects are merged or copied. */
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A short, safe rendering of a received value for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export const booleanRule: Rule<boolean> = (value, path, issues) => {
  if (typeof value === 'boolean') return value;
  issues.push({ path, message: `must be true or false (got ${describeValue(value)})` });
  return INVALID;
};

export type StringRuleOptions = {
  /** Default true: empty or whitespace-only strings are rejected. */
  nonEmpty?: boolean;
  maxLength?: number;
  /** Must be usable as an HTTP header value (printable ISO-8859-1, no line breaks). */
  headerSafe?: boolean;
  /** Characters that may not appear, with the reason. */
  forbidden?: { characters: string; reason: string };
};

export function stringRule(options: StringRuleOptions = {}): Rule<string> {
  return (value, path, issues) => {
    if (typeof value !== 'string') {
      issues.push({ path, message: `must be a string (got ${describeValue(value)})` });
      return INVALID;
    }
    if (options.nonEmpty !== false && value.trim() === '') {
      issues.push({ path, message: 'must not be empty' });
      return INVALID;
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      issues.push({ path, message: `must be at most ${options.maxLength} characters (got ${value.length})` });
      return INVALID;
    }
    if (options.headerSafe === true && !isHeaderSafe(value)) {
      issues.push({
        path,
        message:
          'is sent as an HTTP header: use printable ISO-8859-1 characters only (no line breaks or control characters)',
      });
      return INVALID;
    }
    const forbidden = options.forbidden;
    if (forbidden !== undefined && [...forbidden.characters].some((character) => value.includes(character))) {
      issues.push({ path, message: forbidden.reason });
      return INVALID;
    }
    return value;
  };
}

function isHeaderSafe(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === 0x09) continue;
    if (code < 0x20 || code === 0x7f || code > 0xff) return false;
  }
  return true;
}

export type NumberRuleOptions = {
  integer?: boolean;
  min?: number;
  max?: number;
  /** `min` itself is not allowed. */
  exclusiveMin?: boolean;
};

export function numberRule(options: NumberRuleOptions = {}): Rule<number> {
  const { integer = false, min, max, exclusiveMin = false } = options;
  const noun = integer ? 'an integer' : 'a number';
  let range = '';
  if (min !== undefined && max !== undefined) {
    range = exclusiveMin ? ` greater than ${min} and at most ${max}` : ` between ${min} and ${max}`;
  } else if (min !== undefined) {
    range = exclusiveMin
      ? ` greater than ${min}`
      : min === 0
        ? ' that is not negative'
        : ` of at least ${min}`;
  } else if (max !== undefined) {
    range = ` of at most ${max}`;
  }
  const expected = `must be ${integer && min === 0 && max === undefined ? 'a non-negative integer' : `${noun}${range}`}`;
  return (value, path, issues) => {
    const valid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!integer || Number.isInteger(value)) &&
      (min === undefined || (exclusiveMin ? value > min : value >= min)) &&
      (max === undefined || value <= max);
    if (valid) return value;
    issues.push({ path, message: `${expected} (got ${describeValue(value)})` });
    return INVALID;
  };
}

export function enumRule<T extends string>(values: readonly T[]): Rule<T> {
  const allowed: ReadonlySet<string> = new Set(values);
  return (value, path, issues) => {
    if (typeof value === 'string' && allowed.has(value)) return value as T;
    const list = values.map((entry) => JSON.stringify(entry)).join(', ');
    const hint = typeof value === 'string' ? suggestOptionName(value, values) : undefined;
    issues.push({
      path,
      message: `must be one of ${list} (got ${describeValue(value)})${hint === undefined ? '' : `; did you mean "${hint}"?`}`,
    });
    return INVALID;
  };
}

export type ArrayRuleOptions = { minItems?: number; maxItems?: number; unique?: boolean };

export function arrayRule<T>(item: Rule<T>, options: ArrayRuleOptions = {}): Rule<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ path, message: `must be an array (got ${describeValue(value)})` });
      return INVALID;
    }
    if (options.minItems !== undefined && value.length < options.minItems) {
      issues.push({
        path,
        message: `must list at least ${options.minItems} item${options.minItems === 1 ? '' : 's'}`,
      });
      return INVALID;
    }
    if (options.maxItems !== undefined && value.length > options.maxItems) {
      issues.push({ path, message: `must list at most ${options.maxItems} items (got ${value.length})` });
      return INVALID;
    }
    const clean: T[] = [];
    let failed = false;
    for (let index = 0; index < value.length; index += 1) {
      const result = item(value[index], childPath(path, index), issues);
      if (result === INVALID) failed = true;
      else clean.push(result);
    }
    if (options.unique === true) {
      const seen = new Set<unknown>();
      for (const [index, entry] of clean.entries()) {
        if (seen.has(entry))
          issues.push({ path: childPath(path, index), message: `${describeValue(entry)} is listed twice` });
        seen.add(entry);
      }
    }
    return failed ? INVALID : clean;
  };
}

/** A value of one of two kinds: `when` picks the branch whose problems are reported. */
export function eitherRule<A, B>(
  first: { rule: Rule<A>; when: (value: unknown) => boolean },
  second: { rule: Rule<B>; when: (value: unknown) => boolean },
  expected: string,
): Rule<A | B> {
  return (value, path, issues) => {
    if (first.when(value)) return first.rule(value, path, issues);
    if (second.when(value)) return second.rule(value, path, issues);
    issues.push({ path, message: `must be ${expected} (got ${describeValue(value)})` });
    return INVALID;
  };
}

export type ObjectRuleOptions<T> = {
  /** Keys that must be present. */
  required?: ReadonlyArray<keyof T & string>;
  /** Extra guidance for known wrong keys, e.g. `{ order: 'provider.order' }` or a sentence. */
  hints?: Readonly<Record<string, string>>;
  /** Cross-field checks on the clean copy. */
  refine?: (clean: T, path: string, issues: OptionIssue[]) => void;
};

/** An object rule also exposes the keys it knows. */
export type ObjectRule<T> = Rule<T> & { readonly keys: readonly string[] };

/** Checks a plain object key by key; unknown keys are reported with a "did you mean" suggestion. */
export function objectRule<T extends object>(
  shape: Shape<T>,
  options: ObjectRuleOptions<T> = {},
): ObjectRule<T> {
  const rules = shape as Record<string, Rule<unknown>>;
  const known = Object.keys(rules);
  const rule: Rule<T> = (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.push({ path, message: `must be an object (got ${describeValue(value)})` });
      return INVALID;
    }
    const clean: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const keyPath = childPath(path, key);
      if (forbiddenKeys.has(key)) {
        issues.push({ path: keyPath, message: `"${key}" is not allowed as an option key` });
        continue;
      }
      const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
      if (rule === undefined) {
        issues.push({ path: keyPath, message: unknownKeyMessage(key, known, options.hints) });
        continue;
      }
      const entry = value[key];
      if (entry === undefined) continue;
      const result = rule(entry, keyPath, issues);
      if (result !== INVALID) clean[key] = result;
    }
    for (const key of options.required ?? []) {
      if (value[key] === undefined) issues.push({ path: childPath(path, key), message: 'is required' });
    }
    options.refine?.(clean as T, path, issues);
    return clean as T;
  };
  return Object.assign(rule, { keys: known });
}

function unknownKeyMessage(
  key: string,
  known: readonly string[],
  hints?: Readonly<Record<string, string>>,
): string {
  const camel = toCamelCase(key);
  const hint =
    hints?.[key] ??
    hints?.[camel] ??
    (suggestOptionName(key, known) === undefined && hints !== undefined
      ? hints[suggestOptionName(key, Object.keys(hints)) ?? '']
      : undefined);
  if (hint !== undefined) {
    return hint.includes(' ') ? hint : `unknown option; did you mean "${hint}"?`;
  }
  const suggestion = suggestOptionName(key, known);
  return suggestion === undefined
    ? `unknown option (expected one of: ${known.join(', ')})`
    : `unknown option; did you mean "${suggestion}"?`;
}

/** A record with caller-chosen keys (kept verbatim), e.g. `metadata` or `logitBias`. */
export function recordRule<T>(
  value: Rule<T>,
  options: { maxEntries?: number; maxKeyLength?: number } = {},
): Rule<Record<string, T>> {
  return (input, path, issues) => {
    if (!isPlainObject(input)) {
      issues.push({ path, message: `must be an object (got ${describeValue(input)})` });
      return INVALID;
    }
    const keys = Object.keys(input);
    if (options.maxEntries !== undefined && keys.length > options.maxEntries) {
      issues.push({ path, message: `must have at most ${options.maxEntries} entries (got ${keys.length})` });
    }
    const clean: Record<string, T> = {};
    for (const key of keys) {
      const keyPath = childPath(path, key);
      if (forbiddenKeys.has(key)) {
        issues.push({ path: keyPath, message: `"${key}" is not allowed as a key` });
        continue;
      }
      if (key === '') {
        issues.push({ path: keyPath, message: 'keys must not be empty' });
        continue;
      }
      if (options.maxKeyLength !== undefined && key.length > options.maxKeyLength) {
        issues.push({
          path: keyPath,
          message: `keys must be at most ${options.maxKeyLength} characters (got ${key.length})`,
        });
        continue;
      }
      const result = value(input[key], keyPath, issues);
      if (result !== INVALID) clean[key] = result;
    }
    return clean;
  };
}
