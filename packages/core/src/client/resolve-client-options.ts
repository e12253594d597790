import { InvalidOptionsError, type OptionIssue } from '../errors/invalid-options-error';
import type { OpenRouterClientOptions } from './client-types';
import { DEFAULT_BASE_URL } from './constants';

type Defaulted =
  | 'baseURL'
  | 'maxRetries'
  | 'initialRetryDelayMs'
  | 'maxRetryDelayMs'
  | 'connectTimeoutMs'
  | 'timeoutMs'
  | 'idleTimeoutMs'
  | 'maxEventBytes';

/** Client options with every default applied. */
export type ResolvedClientOptions = OpenRouterClientOptions &
  Required<Pick<OpenRouterClientOptions, Defaulted>>;

const defaults = {
  maxRetries: 2,
  initialRetryDelayMs: 500,
  maxRetryDelayMs: 60_000,
  connectTimeoutMs: 120_000,
  timeoutMs: 600_000,
  idleTimeoutMs: 60_000,
  maxEventBytes: 16 * 1024 * 1024,
} as const;

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** Applies defaults and rejects invalid values with one `InvalidOptionsError` listing each problem. */
export function resolveClientOptions(options: OpenRouterClientOptions = {}): ResolvedClientOptions {
  const issues: OptionIssue[] = [];
  const baseURL = (options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:$/.test(protocolOf(baseURL))) {
    issues.push({ path: 'baseURL', message: `must be an absolute http(s) URL, got "${baseURL}"` });
  }
  for (const name of Object.keys(defaults) as (keyof typeof defaults)[]) {
    const value = options[name];
    if (value === undefined) continue;
    const integer = name === 'maxRetries';
    if (
      typeof value !== 'number' ||
      Number.isNaN(value) ||
      value < 0 ||
      (integer && !Number.isInteger(value))
    ) {
      issues.push({
        path: name,
        message: `must be a non-negative ${integer ? 'integer' : 'number'}, got ${String(value)}`,
      });
    }
  }
  if (
    options.apiKey !== undefined &&
    typeof options.apiKey !== 'string' &&
    typeof options.apiKey !== 'function'
  ) {
    issues.push({ path: 'apiKey', message: 'must be a string or a function returning one' });
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    issues.push({ path: 'fetch', message: 'must be a fetch-compatible function' });
  }
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
  const resolved = { ...options, baseURL } as ResolvedClientOptions;
  for (const name of Object.keys(defaults) as (keyof typeof defaults)[]) resolved[name] ??= defaults[name];
  return resolved;
}
