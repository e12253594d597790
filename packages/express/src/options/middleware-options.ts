import type { NormalizedUsage, OpenRouterOptions } from '@openrouter-adapters/core';
import type { Request } from 'express';
import type { KeyStore } from '../auth/key-store';
import type { GatewayLogger } from '../logging/gateway-logger';
import type { Store } from '../store/store';

/** What every per-request option function receives besides the request. */
export type RequestContext = {
  /** The user id `authorize` returned (or `ip:<address>` without `authorize`). */
  userId: string;
};

/** A value, or a function of the request that returns it (sync or async). */
export type PerRequest<T> = T | ((request: Request, context: RequestContext) => T | Promise<T>);

/** A limit on one metric over a fixed window that starts with the user's first counted request. */
export type LimitWindow = {
  metric: 'requests' | 'tokens' | 'usd';
  /** Requests, tokens (input + output) or US dollars allowed per window. */
  limit: number;
  /** Window length in milliseconds (whole seconds, at least 1,000). */
  windowMs: number;
};

/** Per-user limits. Every field is optional; several windows of one metric may apply at once. */
export type Limits = {
  requestsPerMinute?: number;
  requestsPerHour?: number;
  requestsPerDay?: number;
  tokensPerMinute?: number;
  tokensPerHour?: number;
  tokensPerDay?: number;
  usdPerHour?: number;
  usdPerDay?: number;
  /** A month is 30 days. */
  usdPerMonth?: number;
  /** Streams a user may have open at once. */
  concurrentStreams?: number;
  /** Any other window. */
  windows?: LimitWindow[];
};

/** Retries of upstream requests, only ever before the first byte reaches the client. */
export type RetryOptions = {
  /** Default 2. */
  maxRetries?: number;
  /** First backoff step (default 500 ms), exponential with full jitter. */
  initialDelayMs?: number;
  /** An upstream `Retry-After` longer than this fails fast (default 10 s). */
  maxDelayMs?: number;
};

/** One `onUsage` event, emitted once per completion or embedding request that reached upstream. */
export type UsageEvent = {
  userId: string;
  endpoint: 'chat/completions' | 'completions' | 'embeddings';
  /** The model the client asked for (`model`, or the first of `models`). */
  requestedModel: string | undefined;
  /** The model that actually served (fallbacks, aliases, dated slugs). */
  model: string | undefined;
  provider: string | undefined;
  generationId: string | undefined;
  stream: boolean;
  /** Usage as reported by OpenRouter; `undefined` when the request ended before it arrived. */
  usage: NormalizedUsage | undefined;
  /** What was charged against the user's limits. */
  charged: {
    tokens: number;
    usd: number;
    /** True when `usage` was missing (aborted or failed stream) and the charge is an estimate. */
    estimated: boolean;
  };
  /** Milliseconds from the request's arrival to its end. */
  durationMs: number;
  /** True when the response reached its natural end (finish + usage, `[DONE]`). */
  completed: boolean;
  /** Why it did not complete: `client-aborted`, `upstream-error`, `timeout`, ... */
  incompleteReason: string | undefined;
  /** True when the user's own key (from `resolveApiKey`) paid for the request. */
  userKey: boolean;
};

/** Where an error reported to `onError` happened. */
export type ErrorContext = {
  phase: 'upstream' | 'stream' | 'store' | 'hook' | 'sign-in' | 'internal';
  userId: string | undefined;
  path: string;
};

/** Options of the PKCE sign-in routes (`/auth/sign-in`, `/auth/callback`, `/auth/sign-out`, `/auth/status`). */
export type SignInOptions = {
  /** Where each user's own OpenRouter key is kept, server-side. */
  keyStore: KeyStore;
  /**
   * The absolute URL of this router's `/auth/callback` route, e.g.
   * `https://app.example/api/openrouter/auth/callback`. Default: derived from the request
   * (protocol and host as Express reports them; set `trust proxy` behind a proxy).
   */
  callbackUrl?: string;
  /** OpenRouter's consent page. Default: `baseURL` with `/api/v1` replaced by `/auth`. */
  authURL?: string;
  /** Where the browser goes after signing in (default `/`). Must be a path on this site. */
  successRedirect?: string;
  /** Where the browser goes when sign-in fails (default: `successRedirect` with `?openrouter_error=<code>`). */
  failureRedirect?: string;
};

/** Options of `openRouter()`. Defaults are documented in the README's options table. */
export type OpenRouterMiddlewareOptions = {
  /** The upstream OpenRouter API, set only by the server (default `https://openrouter.ai/api/v1`). */
  baseURL?: string;
  /** The server's OpenRouter key. Never reaches a client, a log line or an `onUsage` event. */
  apiKey?: string;
  /** A user's own key (for example from PKCE sign-in); `undefined` falls back to `apiKey`. */
  resolveApiKey?: (
    request: Request,
    context: RequestContext,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * Runs before the body is read. Return the user id, or `null`/`undefined`/`false` to reject
   * with 401. A thrown error goes to `next(error)`. Without it every client IP is a user.
   */
  authorize?: (
    request: Request,
  ) => string | null | undefined | false | Promise<string | null | undefined | false>;
  /** Allowed models: exact ids and `author/*` patterns. Variants follow their base id unless listed. */
  models?: PerRequest<readonly string[]>;
  /** Only `:free` variants (and the `openrouter/free` router). */
  freeOnly?: PerRequest<boolean>;
  /** Optional request parameters clients may send (wire names, e.g. `temperature`, `tools`). */
  allowParams?: PerRequest<readonly string[]>;
  /** Request parameters clients may not send (wire names, e.g. `plugins`, `provider`). */
  denyParams?: PerRequest<readonly string[]>;
  /** Upper bound for `max_tokens` / `max_completion_tokens`; applied when the client sends none. */
  maxTokens?: PerRequest<number>;
  /** Server-side request defaults in camelCase; restrictive `provider` settings cannot be loosened. */
  defaults?: PerRequest<OpenRouterOptions>;
  /** Per-user limits. */
  limits?: PerRequest<Limits>;
  /** Where limits are counted (default: in-memory, single instance). Use `redisStore` for several instances. */
  store?: Store;
  /** `closed` (default): a failing store rejects with 503. `open`: requests pass without limits. */
  storeFailure?: 'closed' | 'open';
  /** Longest wait for one store operation (default 1,000 ms). */
  storeTimeoutMs?: number;
  /**
   * Longest wait of a request for its user's turn (default 30 s): under a token or USD budget,
   * requests without an upper bound (no `max_tokens`) run one at a time per user and instance.
   */
  budgetQueueTimeoutMs?: number;
  /** Largest request body in bytes, counted as read (default 4 MiB). */
  maxBodyBytes?: number;
  /** Time allowed to receive the whole request body (default 30 s); slower bodies get 408. */
  bodyTimeoutMs?: number;
  /** Longest time for one request, including the whole stream (default 10 minutes). */
  timeoutMs?: number;
  /** Longest upstream silence within a stream (default 60 s; keep-alive comments count as data). */
  idleTimeoutMs?: number;
  /** Upstream retries before the first byte; `false` disables them. */
  retry?: RetryOptions | false;
  /** Client request headers passed upstream (lower-case names); none by default. */
  forwardHeaders?: readonly string[];
  /** How long `/models` results are cached (default 60 s). */
  modelsCacheTtlMs?: number;
  /** How long the owner of a generation id is remembered for `/generation` (default 7 days). */
  generationTtlMs?: number;
  /** Called once per completion or embedding request that reached upstream. */
  onUsage?: (event: UsageEvent) => void | Promise<void>;
  /** Called for upstream, stream, store, hook and internal errors (not for policy rejections). */
  onError?: (error: unknown, context: ErrorContext) => void;
  /** Receives redacted log lines. */
  logger?: GatewayLogger;
  /** Enables the PKCE sign-in routes (requires `authorize`). */
  signIn?: SignInOptions;
  /**
   * Injectable fetch for the upstream client (e.g. a proxy-aware one). Default: the middleware's own
   * keep-alive `node:http`/`node:https` transport, which never follows redirects.
   */
  fetch?: typeof globalThis.fetch;
};
