import type { OptionIssue } from '../errors/invalid-options-error';
import { suggestOptionName } from './suggest-option-name';
import { toCamelCase } from './to-camel-case';

/**
 * The building blocks of option validation. A rule checks one value, records every problem in
 * `issues` (paths in camelCase) and returns a clean copy, or `INVALID`. Objects are declared as
 * tables: `objectRule<T>` takes one rule per key of `T`, so the validator cannot drift from the type.
 */

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;
export type Rule<T> = (value: unknown, path: string, issues: OptionIssue[]) => T | Invalid;
export type Shape<T> = { [K in keyof T]-?: Rule<Exclude<T[K], undefined>> };

/** Keys that could pollute prototypes when objects are merged or copied. */
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** A short, safe rendering of a received value for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}

/** ` (got "fast")`: what was received, for the end of a message. */
export function got(value: unknown): string {
  return ` (got ${describeValue(value)})`;
}

/** `; did you mean "x"?` when there is a suggestion. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
}

/** Records one problem and returns `INVALID`. */
export function fail(issues: OptionIssue[], path: string, message: string): Invalid {
  issues.push({ path, message });
  return INVALID;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export const booleanRule: Rule<boolean> = (value, path, issues) =>
  typeof value === 'boolean' ? value : fail(issues, path, `must be true or false${got(value)}`);

export type StringRuleOptions = {
  /** Default true: empty or whitespace-only strings are rejected. */
  nonEmpty?: boolean;
  maxLength?: number;
  /** Must be usable as an HTTP header value (printable ISO-8859-1, no line breaks). */
  headerSafe?: boolean;
  /** A character that may not appear, with the reason. */
  forbidden?: { character: string; reason: string };
};

export function stringRule({
  nonEmpty = true,
  maxLength,
  headerSafe,
  forbidden,
}: StringRuleOptions = {}): Rule<string> {
  return (value, path, issues) => {
    if (typeof value !== 'string') return fail(issues, path, `must be a string${got(value)}`);
    if (nonEmpty && value.trim() === '') return fail(issues, path, 'must not be empty');
    if (maxLength !== undefined && value.length > maxLength) {
      return fail(issues, path, `must be at most ${maxLength} characters (got ${value.length})`);
    }
    // Tab, printable ASCII and Latin-1 (no control characters, no line breaks).
    if (headerSafe && /[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      return fail(issues, path, 'is sent as an HTTP header: use printable ISO-8859-1 characters only');
    }
    if (forbidden && value.includes(forbidden.character)) return fail(issues, path, forbidden.reason);
    return value;
  };
}

export type NumberRuleOptions = {
  integer?: boolean;
  min?: number;
  max?: number;
  /** `min` itself is not allowed. */
  exclusiveMin?: boolean;
};

export function numberRule({ integer, min, max, exclusiveMin }: NumberRuleOptions = {}): Rule<number> {
  const upTo = max === undefined ? '' : ` and at most ${max}`;
  const range =
    min === undefined
      ? max === undefined
        ? ''
        : ` of at most ${max}`
      : exclusiveMin
        ? ` greater than ${min}${upTo}`
        : max !== undefined
          ? ` between ${min} and ${max}`
          : min === 0
            ? ' that is not negative'
            : ` of at least ${min}`;
  const expected =
    integer && min === 0 && max === undefined
      ? 'must be a non-negative integer'
      : `must be ${integer ? 'an integer' : 'a number'}${range}`;
  return (value, path, issues) =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (exclusiveMin ? value > min : value >= min)) &&
    (max === undefined || value <= max)
      ? value
      : fail(issues, path, expected + got(value));
}

export function enumRule<T extends string>(values: readonly T[]): Rule<T> {
  return (value, path, issues) =>
    values.includes(value as T)
      ? (value as T)
      : fail(
          issues,
          path,
          `must be one of ${values.map((entry) => `"${entry}"`).join(', ')}${got(value)}${didYouMean(
            typeof value === 'string' ? suggestOptionName(value, values) : undefined,
          )}`,
        );
}

export type ArrayRuleOptions = { minItems?: number; maxItems?: number; unique?: boolean };

export function arrayRule<T>(
  item: Rule<T>,
  { minItems = 0, maxItems, unique }: ArrayRuleOptions = {},
): Rule<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) return fail(issues, path, `must be an array${got(value)}`);
    if (value.length < minItems) {
      return fail(issues, path, `must list at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    }
    if (maxItems !== undefined && value.length > maxItems) {
      return fail(issues, path, `must list at most ${maxItems} items (got ${value.length})`);
    }
    const clean: T[] = [];
    let failed = false;
    for (const [index, entry] of value.entries()) {
      const result = item(entry, childPath(path, index), issues);
      if (result === INVALID) failed = true;
      else clean.push(result);
    }
    if (unique) {
      for (const [index, entry] of clean.entries()) {
        if (clean.indexOf(entry) < index) {
          fail(issues, childPath(path, index), `${describeValue(entry)} is listed twice`);
        }
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
  return (value, path, issues) =>
    first.when(value)
      ? first.rule(value, path, issues)
      : second.when(value)
        ? second.rule(value, path, issues)
        : fail(issues, path, `must be ${expected}${got(value)}`);
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
  { required = [], hints, refine }: ObjectRuleOptions<T> = {},
): ObjectRule<T> {
  const rules = shape as Record<string, Rule<unknown>>;
  const keys = Object.keys(rules);
  const rule: Rule<T> = (value, path, issues) => {
    if (!isPlainObject(value)) return fail(issues, path, `must be an object${got(value)}`);
    const clean: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const keyPath = childPath(path, key);
      const entry = value[key];
      if (forbiddenKeys.has(key)) fail(issues, keyPath, `"${key}" is not allowed as an option key`);
      else if (!Object.hasOwn(rules, key)) fail(issues, keyPath, unknownKeyMessage(key, keys, hints));
      else if (entry !== undefined) {
        const result = rules[key]?.(entry, keyPath, issues);
        if (result !== INVALID) clean[key] = result;
      }
    }
    for (const key of required)
      if (value[key] === undefined) fail(issues, childPath(path, key), 'is required');
    refine?.(clean as T, path, issues);
    return clean as T;
  };
  return Object.assign(rule, { keys });
}

function unknownKeyMessage(
  key: string,
  known: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): string {
  const hintFor = (name: string | undefined): string | undefined =>
    name !== undefined && Object.hasOwn(hints, name) ? hints[name] : undefined;
  const suggestion = suggestOptionName(key, known);
  const hint =
    hintFor(key) ??
    hintFor(toCamelCase(key)) ??
    (suggestion === undefined ? hintFor(suggestOptionName(key, Object.keys(hints))) : undefined);
  if (hint?.includes(' ')) return hint;
  const name = hint ?? suggestion;
  return name === undefined
    ? `unknown option (expected one of: ${known.join(', ')})`
    : `unknown option${didYouMean(name)}`;
}

export type RecordRuleOptions = { maxEntries?: number; maxKeyLength?: number };

/** A record with caller-chosen keys (kept verbatim), e.g. `metadata` or `logitBias`. */
export function recordRule<T>(
  value: Rule<T>,
  { maxEntries = Number.POSITIVE_INFINITY, maxKeyLength = Number.POSITIVE_INFINITY }: RecordRuleOptions = {},
): Rule<Record<string, T>> {
  return (input, path, issues) => {
    if (!isPlainObject(input)) return fail(issues, path, `must be an object${got(input)}`);
    const keys = Object.keys(input);
    if (keys.length > maxEntries)
      fail(issues, path, `must have at most ${maxEntries} entries (got ${keys.length})`);
    const clean: Record<string, T> = {};
    for (const key of keys) {
      const keyPath = childPath(path, key);
      if (forbiddenKeys.has(key)) fail(issues, keyPath, `"${key}" is not allowed as a key`);
      else if (key === '') fail(issues, keyPath, 'keys must not be empty');
      else if (key.length > maxKeyLength) {
        fail(issues, keyPath, `keys must be at most ${maxKeyLength} characters (got ${key.length})`);
      } else {
        const result = value(input[key], keyPath, issues);
        if (result !== INVALID) clean[key] = result;
      }
    }
    return clean;
  };
}
