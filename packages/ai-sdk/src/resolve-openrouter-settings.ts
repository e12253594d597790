import { InvalidArgumentError } from '@ai-sdk/provider';
import {
  InvalidOptionsError,
  mergeOptions,
  type OpenRouterOptions,
  type OptionIssue,
  validateOptions,
} from '@openrouter-adapters/core';
import type { OpenRouterAdapterSettings } from './openrouter-settings';

/** One level of settings, split into core's OpenRouter options and this adapter's settings. */
export type SettingsLevel = {
  options: OpenRouterOptions;
  adapter: OpenRouterAdapterSettings;
};

export const EMPTY_LEVEL: SettingsLevel = { options: {}, adapter: {} };

const ADAPTER_KEYS = new Set(['structuredOutputs', 'extraBody']);

/**
 * Validates one level of settings (`label` names it in errors, e.g. `providerOptions.openrouter`)
 * and splits it. OpenRouter options are checked by core's `validateOptions`; adapter settings
 * here. Every problem is reported at once in one `InvalidArgumentError`.
 */
export function readSettingsLevel(
  input: unknown,
  label: string,
  excludedKeys?: ReadonlySet<string>,
): SettingsLevel {
  if (input === undefined || input === null) return EMPTY_LEVEL;
  if (!isPlainObject(input)) {
    throw new InvalidArgumentError({ argument: label, message: `${label} must be an object.` });
  }
  const options: Record<string, unknown> = {};
  const adapter: OpenRouterAdapterSettings = {};
  const issues: OptionIssue[] = [];
  for (const key in input) {
    const value = input[key];
    if (value === undefined || excludedKeys?.has(key)) continue;
    if (!ADAPTER_KEYS.has(key)) {
      options[key] = value;
    } else if (key === 'extraBody') {
      if (isPlainObject(value)) adapter.extraBody = value;
      else issues.push({ path: 'extraBody', message: 'must be an object of wire fields' });
    } else if (isPlainObject(value) && (value.strict === undefined || typeof value.strict === 'boolean')) {
      adapter.structuredOutputs = value.strict === undefined ? {} : { strict: value.strict };
    } else {
      issues.push({ path: 'structuredOutputs', message: 'must be { strict?: boolean }' });
    }
  }
  let validated: OpenRouterOptions = {};
  try {
    validated = validateOptions(options);
  } catch (error) {
    if (!InvalidOptionsError.isInstance(error)) throw error;
    issues.unshift(...error.issues);
  }
  if (issues.length > 0) throw invalidSettings(label, issues);
  return { options: validated, adapter };
}

/** Merges levels (later wins) and validates the result for contradictions between levels. */
export function mergeSettingsLevels(levels: readonly SettingsLevel[]): SettingsLevel {
  const options = mergeOptions(...levels.map((level) => level.options));
  if (levels.length > 1) {
    try {
      validateOptions(options);
    } catch (error) {
      if (!InvalidOptionsError.isInstance(error)) throw error;
      throw invalidSettings('the merged OpenRouter options (provider, model and call level)', error.issues);
    }
  }
  const adapter: OpenRouterAdapterSettings = {};
  for (const level of levels) {
    if (level.adapter.structuredOutputs !== undefined) {
      adapter.structuredOutputs = { ...adapter.structuredOutputs, ...level.adapter.structuredOutputs };
    }
    if (level.adapter.extraBody !== undefined) {
      adapter.extraBody = { ...adapter.extraBody, ...level.adapter.extraBody };
    }
  }
  return { options, adapter };
}

function invalidSettings(label: string, issues: readonly OptionIssue[]): InvalidArgumentError {
  const lines = issues.map((issue) => `- ${issue.path || '(root)'}: ${issue.message}`).join('\n');
  return new InvalidArgumentError({
    argument: label,
    message: `Invalid OpenRouter options in ${label}:\n${lines}`,
    cause: new InvalidOptionsError({ issues }),
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
