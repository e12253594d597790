import {
  DEFAULT_BASE_URL,
  InvalidOptionsError,
  type OpenRouterOptions,
  type OptionIssue,
  toWireRequest,
  validateOptions,
} from '@openrouter-adapters/core';
import type { Request } from 'express';
import { HookError } from '../http/hook-error';
import { neverForwardedRequestHeaders } from '../http/response-headers';
import { limitsIssues, type NormalizedLimits, normalizeLimits } from '../limits/limit-rules';
import { allowlistIssues, compileAllowlist, type ModelAllowlist } from '../policy/model-allowlist';
import type { Limits, OpenRouterMiddlewareOptions, PerRequest, RequestContext } from './middleware-options';

export type WireDefaults = { body: Record<string, unknown>; headers: Record<string, string> };

/** Resolves one per-request option for a request (a compiled value; functions are called). */
export type Resolver<R> = (request: Request, context: RequestContext) => R | Promise<R>;

export type ResolvedOptions = {
  baseURL: string;
  apiKey: string | undefined;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  storeTimeoutMs: number;
  budgetQueueTimeoutMs: number;
  storeFailure: 'closed' | 'open';
  modelsCacheTtlMs: number;
  generationTtlMs: number;
  forwardHeaders: readonly string[];
  retry: { maxRetries: number; initialRetryDelayMs: number; maxRetryDelayMs: number };
  allowlist: Resolver<ModelAllowlist | undefined>;
  freeOnly: Resolver<boolean>;
  allowParams: Resolver<ReadonlySet<string> | undefined>;
  denyParams: Resolver<ReadonlySet<string>>;
  maxTokens: Resolver<number | undefined>;
  defaults: Resolver<WireDefaults | undefined>;
  limits: Resolver<NormalizedLimits>;
};

type Compiled<R> = { value: R } | { issues: OptionIssue[] };

const noIssues = <R>(value: R): Compiled<R> => ({ value });

function positive(
  issues: OptionIssue[],
  path: string,
  value: unknown,
  fallback: number,
  integer = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    issues.push({
      path,
      message: `must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`,
    });
    return fallback;
  }
  return value;
}

function compileAllowlistOption(value: unknown): Compiled<ModelAllowlist | undefined> {
  const problems = allowlistIssues(value);
  return problems.length > 0
    ? { issues: problems.map((message) => ({ path: 'models', message })) }
    : noIssues(compileAllowlist(value as string[]));
}

function compileBoolean(path: string) {
  return (value: unknown): Compiled<boolean> =>
    typeof value === 'boolean' ? noIssues(value) : { issues: [{ path, message: 'must be true or false' }] };
}

function compileParams(path: string) {
  return (value: unknown): Compiled<ReadonlySet<string>> => {
    if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && name !== '')) {
      return {
        issues: [
          { path, message: 'must be an array of request parameter names, e.g. ["temperature", "tools"]' },
        ],
      };
    }
    const camel = value.filter((name: string) => /[A-Z]/.test(name));
    if (camel.length > 0) {
      return {
        issues: [
          {
            path,
            message: `lists request body parameters as clients send them (snake_case, e.g. "max_tokens"), got ${camel.map((name) => `"${name}"`).join(', ')}`,
          },
        ],
      };
    }
    return noIssues(new Set(value as string[]));
  };
}

function compileMaxTokens(value: unknown): Compiled<number | undefined> {
  return Number.isSafeInteger(value) && (value as number) > 0
    ? noIssues(value as number)
    : { issues: [{ path: 'maxTokens', message: `must be a positive integer, got ${String(value)}` }] };
}

function compileDefaults(value: unknown): Compiled<WireDefaults | undefined> {
  try {
    const options = validateOptions(value, { path: 'defaults' }) as OpenRouterOptions;
    const wire = toWireRequest(options);
    return noIssues({ body: wire.body as Record<string, unknown>, headers: wire.headers });
  } catch (error) {
    if (InvalidOptionsError.isInstance(error)) {
      return {
        issues: error.issues.map((issue) => ({
          path: issue.path.startsWith('defaults')
            ? issue.path
            : `defaults${issue.path ? `.${issue.path}` : ''}`,
          message: issue.message,
        })),
      };
    }
    throw error;
  }
}

function compileLimits(value: unknown): Compiled<NormalizedLimits> {
  const issues = limitsIssues(value);
  return issues.length > 0
    ? {
        issues: issues.map((issue) => ({
          path: issue.path ? `limits.${issue.path}` : 'limits',
          message: issue.message,
        })),
      }
    : noIssues(normalizeLimits(value as Limits));
}

/**
 * Turns an option that is a value or a function of the request into a resolver. Values are
 * compiled once (problems become construction-time issues); function results are compiled per
 * request, cached by identity, and a function that throws or returns a bad value fails the
 * request with a `HookError` (the application's error, passed to `next`).
 */
function perRequest<T, R>(
  name: string,
  option: PerRequest<T> | undefined,
  compile: (value: unknown) => Compiled<R>,
  fallback: R,
  issues: OptionIssue[],
): Resolver<R> {
  if (option === undefined) return () => fallback;
  if (typeof option !== 'function') {
    const compiled = compile(option);
    if ('issues' in compiled) {
      issues.push(...compiled.issues);
      return () => fallback;
    }
    return () => compiled.value;
  }
  const fn = option as (request: Request, context: RequestContext) => T | Promise<T>;
  const cache = new WeakMap<object, R>();
  return async (request, context) => {
    let value: T;
    try {
      value = await fn(request, context);
    } catch (error) {
      throw new HookError(name, error);
    }
    if (value === undefined || value === null) return fallback;
    const cacheable = typeof value === 'object';
    if (cacheable && cache.has(value as object)) return cache.get(value as object) as R;
    const compiled = compile(value);
    if ('issues' in compiled) throw new HookError(name, new InvalidOptionsError({ issues: compiled.issues }));
    if (cacheable) cache.set(value as object, compiled.value);
    return compiled.value;
  };
}

/** Validates `openRouter()` options (one `InvalidOptionsError` listing every problem) and applies defaults. */
export function resolveOptions(options: OpenRouterMiddlewareOptions): ResolvedOptions {
  const issues: OptionIssue[] = [];
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError({
      issues: [{ path: '', message: 'openRouter(options) takes an options object' }],
    });
  }
  const baseURL = (options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(baseURL))
    issues.push({ path: 'baseURL', message: `must be an absolute http(s) URL, got "${baseURL}"` });
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')) {
    issues.push({
      path: 'apiKey',
      message: 'must be a non-empty string (the server key, e.g. process.env.OPENROUTER_API_KEY)',
    });
  }
  for (const name of ['authorize', 'resolveApiKey', 'onUsage', 'onError', 'fetch'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      issues.push({ path: name, message: 'must be a function' });
  }
  if (
    options.storeFailure !== undefined &&
    options.storeFailure !== 'closed' &&
    options.storeFailure !== 'open'
  ) {
    issues.push({ path: 'storeFailure', message: 'must be "closed" or "open"' });
  }
  if (options.store !== undefined) {
    const store = options.store as unknown as Record<string, unknown> | null;
    const missing = ['increment', 'consume', 'get', 'set', 'delete', 'close'].filter(
      (name) => typeof store?.[name] !== 'function',
    );
    if (missing.length > 0) {
      issues.push({
        path: 'store',
        message: `must implement the Store interface (memoryStore() or redisStore({ client })); missing ${missing.join(', ')}`,
      });
    }
  }
  const forwardHeaders: string[] = [];
  if (options.forwardHeaders !== undefined) {
    if (!Array.isArray(options.forwardHeaders))
      issues.push({ path: 'forwardHeaders', message: 'must be an array of header names' });
    else {
      for (const name of options.forwardHeaders) {
        const lower = typeof name === 'string' ? name.toLowerCase() : '';
        if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(lower))
          issues.push({ path: 'forwardHeaders', message: `"${String(name)}" is not a header name` });
        else if (neverForwardedRequestHeaders.has(lower)) {
          issues.push({
            path: 'forwardHeaders',
            message: `"${lower}" can never be forwarded from clients (auth, cookies, framing or routing)`,
          });
        } else forwardHeaders.push(lower);
      }
    }
  }
  if (options.signIn !== undefined) {
    if (options.authorize === undefined) {
      issues.push({
        path: 'signIn',
        message: "needs `authorize`: a user's own key is stored under the user id it returns",
      });
    }
    const keyStore = options.signIn.keyStore as unknown as Record<string, unknown> | undefined;
    if (
      !keyStore ||
      typeof keyStore.get !== 'function' ||
      typeof keyStore.set !== 'function' ||
      typeof keyStore.delete !== 'function'
    ) {
      issues.push({
        path: 'signIn.keyStore',
        message: 'must have get, set and delete (e.g. memoryKeyStore())',
      });
    }
  }
  const retry = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  const resolved: ResolvedOptions = {
    baseURL,
    apiKey: options.apiKey,
    maxBodyBytes: positive(issues, 'maxBodyBytes', options.maxBodyBytes, 4 * 1024 * 1024, true),
    bodyTimeoutMs: positive(issues, 'bodyTimeoutMs', options.bodyTimeoutMs, 30_000),
    timeoutMs: positive(issues, 'timeoutMs', options.timeoutMs, 600_000),
    idleTimeoutMs: positive(issues, 'idleTimeoutMs', options.idleTimeoutMs, 60_000),
    storeTimeoutMs: positive(issues, 'storeTimeoutMs', options.storeTimeoutMs, 1_000),
    budgetQueueTimeoutMs: positive(issues, 'budgetQueueTimeoutMs', options.budgetQueueTimeoutMs, 30_000),
    storeFailure: options.storeFailure ?? 'closed',
    modelsCacheTtlMs: positive(issues, 'modelsCacheTtlMs', options.modelsCacheTtlMs, 60_000),
    generationTtlMs: positive(issues, 'generationTtlMs', options.generationTtlMs, 7 * 24 * 60 * 60 * 1000),
    forwardHeaders,
    retry: {
      maxRetries:
        retry.maxRetries === 0 ? 0 : positive(issues, 'retry.maxRetries', retry.maxRetries, 2, true),
      initialRetryDelayMs: positive(
        issues,
        'retry.initialDelayMs',
        'initialDelayMs' in retry ? retry.initialDelayMs : undefined,
        500,
      ),
      maxRetryDelayMs: positive(
        issues,
        'retry.maxDelayMs',
        'maxDelayMs' in retry ? retry.maxDelayMs : undefined,
        10_000,
      ),
    },
    allowlist: perRequest('models', options.models, compileAllowlistOption, undefined, issues),
    freeOnly: perRequest('freeOnly', options.freeOnly, compileBoolean('freeOnly'), false, issues),
    allowParams: perRequest<readonly string[], ReadonlySet<string> | undefined>(
      'allowParams',
      options.allowParams,
      compileParams('allowParams'),
      undefined,
      issues,
    ),
    denyParams: perRequest(
      'denyParams',
      options.denyParams,
      compileParams('denyParams'),
      new Set<string>(),
      issues,
    ),
    maxTokens: perRequest('maxTokens', options.maxTokens, compileMaxTokens, undefined, issues),
    defaults: perRequest('defaults', options.defaults, compileDefaults, undefined, issues),
    limits: perRequest(
      'limits',
      options.limits,
      compileLimits,
      { rules: [], concurrentStreams: undefined },
      issues,
    ),
  };
  if (issues.length > 0) {
    throw new InvalidOptionsError({
      issues,
      message: `Invalid openRouter() options:\n${issues.map((issue) => `- ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`,
    });
  }
  return resolved;
}
