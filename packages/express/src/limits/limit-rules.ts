import type { Limits, LimitWindow } from '../options/middleware-options';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A normalised limit: `limit` in counter units (requests, tokens, micro-dollars). */
export type LimitRule = {
  metric: LimitWindow['metric'];
  /** The limit as configured (USD for `usd`). */
  configured: number;
  /** The limit in counter units (micro-dollars for `usd`). */
  limit: number;
  windowMs: number;
};

export type NormalizedLimits = {
  rules: readonly LimitRule[];
  concurrentStreams: number | undefined;
};

const shorthands: Record<
  Exclude<keyof Limits, 'concurrentStreams' | 'windows'>,
  { metric: LimitWindow['metric']; windowMs: number }
> = {
  requestsPerMinute: { metric: 'requests', windowMs: minute },
  requestsPerHour: { metric: 'requests', windowMs: hour },
  requestsPerDay: { metric: 'requests', windowMs: day },
  tokensPerMinute: { metric: 'tokens', windowMs: minute },
  tokensPerHour: { metric: 'tokens', windowMs: hour },
  tokensPerDay: { metric: 'tokens', windowMs: day },
  usdPerHour: { metric: 'usd', windowMs: hour },
  usdPerDay: { metric: 'usd', windowMs: day },
  usdPerMonth: { metric: 'usd', windowMs: 30 * day },
};

/** Micro-dollars: USD amounts become integer counter points. */
export const microDollarsPerUsd = 1_000_000;

function isLimitNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Problems with a `limits` value, as `path: message` pairs (empty when valid). */
export function limitsIssues(limits: unknown): Array<{ path: string; message: string }> {
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    return [{ path: '', message: 'must be an object such as { requestsPerMinute: 20, usdPerDay: 1 }' }];
  }
  const issues: Array<{ path: string; message: string }> = [];
  for (const [name, value] of Object.entries(limits)) {
    if (value === undefined) continue;
    if (name === 'windows') {
      if (!Array.isArray(value)) {
        issues.push({ path: 'windows', message: 'must be an array of { metric, limit, windowMs }' });
        continue;
      }
      value.forEach((window: Partial<LimitWindow> | null, index) => {
        const path = `windows[${index}]`;
        if (typeof window !== 'object' || window === null)
          issues.push({ path, message: 'must be { metric, limit, windowMs }' });
        else {
          if (window.metric !== 'requests' && window.metric !== 'tokens' && window.metric !== 'usd') {
            issues.push({ path: `${path}.metric`, message: 'must be "requests", "tokens" or "usd"' });
          }
          if (!isLimitNumber(window.limit))
            issues.push({ path: `${path}.limit`, message: 'must be a number >= 0' });
          if (
            typeof window.windowMs !== 'number' ||
            !Number.isInteger(window.windowMs) ||
            window.windowMs < 1000
          ) {
            issues.push({
              path: `${path}.windowMs`,
              message: 'must be an integer number of milliseconds >= 1000',
            });
          }
        }
      });
    } else if (name === 'concurrentStreams') {
      if (!(Number.isSafeInteger(value) && (value as number) >= 0)) {
        issues.push({ path: name, message: 'must be an integer >= 0' });
      }
    } else if (name in shorthands) {
      if (!isLimitNumber(value)) issues.push({ path: name, message: 'must be a number >= 0' });
    } else {
      issues.push({
        path: name,
        message: `is not a limit; use ${[...Object.keys(shorthands), 'concurrentStreams', 'windows'].join(', ')}`,
      });
    }
  }
  return issues;
}

/** Converts validated `Limits` to rules (counter units) and the concurrent-stream cap. */
export function normalizeLimits(limits: Limits | undefined): NormalizedLimits {
  if (!limits) return { rules: [], concurrentStreams: undefined };
  const rules: LimitRule[] = [];
  const add = (metric: LimitWindow['metric'], configured: number, windowMs: number): void => {
    const limit = metric === 'usd' ? Math.round(configured * microDollarsPerUsd) : Math.floor(configured);
    // Two limits on one metric and window (e.g. `tokensPerMinute` and a 60 s window) share a
    // counter: the stricter one applies.
    const seconds = Math.max(1, Math.ceil(windowMs / 1000));
    const same = rules.findIndex(
      (rule) => rule.metric === metric && Math.max(1, Math.ceil(rule.windowMs / 1000)) === seconds,
    );
    if (same < 0) rules.push({ metric, configured, limit, windowMs });
    else if (limit < rules[same]!.limit) rules[same] = { metric, configured, limit, windowMs };
  };
  for (const [name, window] of Object.entries(shorthands)) {
    const value = limits[name as keyof typeof shorthands];
    if (value !== undefined) add(window.metric, value, window.windowMs);
  }
  for (const window of limits.windows ?? []) add(window.metric, window.limit, window.windowMs);
  return { rules, concurrentStreams: limits.concurrentStreams };
}

/** "minute", "hour", "day", "30 days", "90 seconds" for messages. */
export function describeWindow(windowMs: number): string {
  const units: Array<[number, string]> = [
    [day, 'day'],
    [hour, 'hour'],
    [minute, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (windowMs % size === 0) {
      const count = windowMs / size;
      return count === 1 ? name : `${count} ${name}s`;
    }
  }
  return `${windowMs} ms`;
}

/** "45 s", "12 min", "3 h 5 min" for messages. */
export function describeDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
