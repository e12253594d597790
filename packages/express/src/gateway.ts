import { createOpenRouterClient, type OpenRouterClient } from '@openrouter-adapters/core';
import type { Request } from 'express';
import type { KeyStore } from './auth/key-store';
import { callHook } from './http/hook-error';
import { Limiter } from './limits/limiter';
import { createLog, type Log } from './logging/create-log';
import { Redactor } from './logging/redactor';
import type {
  ErrorContext,
  OpenRouterMiddlewareOptions,
  RequestContext,
  SignInOptions,
  UsageEvent,
} from './options/middleware-options';
import { type ResolvedOptions, resolveOptions } from './options/resolve-options';
import type { Endpoint, RequestPolicy } from './policy/apply-request-policy';
import { createNodeFetch } from './proxy/create-node-fetch';
import { GenerationOwners } from './routes/generation-owners';
import { ModelsCache } from './routes/models-cache';
import { guardStore } from './store/guard-store';
import { memoryStore } from './store/memory-store';
import type { Store } from './store/store';

/** The key that pays for one request. */
export type UpstreamKey = { key: string; userKey: boolean };

/** Everything one `openRouter()` instance shares between requests. */
export type Gateway = {
  options: ResolvedOptions;
  client: OpenRouterClient;
  store: Store;
  limiter: Limiter;
  models: ModelsCache;
  owners: GenerationOwners;
  redactor: Redactor;
  log: Log;
  authorize: OpenRouterMiddlewareOptions['authorize'];
  signIn: SignInOptions | undefined;
  policy(request: Request, context: RequestContext): Promise<RequestPolicy>;
  /** The key for this user: theirs (from `resolveApiKey`) or the server's; `undefined` when neither exists. */
  upstreamKey(request: Request, context: RequestContext): Promise<UpstreamKey | undefined>;
  /** Headers for upstream requests: auth, the defaults' headers, then allowlisted client headers. */
  upstreamHeaders(
    request: Request,
    key: string | undefined,
    extra?: Record<string, string>,
  ): Record<string, string>;
  /** Logs an error and hands it to `onError`, with the keys in use removed from it. */
  reportError(error: unknown, context: ErrorContext, redactor?: Redactor): void;
  emitUsage(event: UsageEvent): Promise<void>;
  close(): Promise<void>;
};

/** Requests of one user that may wait for their turn on one instance; more are refused at once. */
const maxWaitingPerUser = 64;

export function createGateway(options: OpenRouterMiddlewareOptions): Gateway {
  const resolved = resolveOptions(options);
  const redactor = new Redactor([resolved.apiKey]);
  const log = createLog(options.logger, redactor);
  // The middleware's own transport unless the application brings a fetch (e.g. a proxy-aware one).
  const transport = options.fetch === undefined ? createNodeFetch() : undefined;
  const client = createOpenRouterClient({
    baseURL: resolved.baseURL,
    fetch: options.fetch ?? transport?.fetch,
    clientName: `express/${__PACKAGE_VERSION__}`,
    maxRetries: resolved.retry.maxRetries,
    initialRetryDelayMs: resolved.retry.initialRetryDelayMs,
    maxRetryDelayMs: resolved.retry.maxRetryDelayMs,
    timeoutMs: resolved.timeoutMs,
    idleTimeoutMs: resolved.idleTimeoutMs,
  });
  const ownsStore = options.store === undefined;
  const rawStore = options.store ?? memoryStore();
  const store = guardStore(rawStore, resolved.storeTimeoutMs);

  const reportError = (error: unknown, context: ErrorContext, requestRedactor?: Redactor): void => {
    (requestRedactor ?? redactor).scrubError(error);
    log('error', `openrouter middleware: ${context.phase} error on ${context.path}`, {
      error,
      userId: context.userId,
    });
    if (!options.onError) return;
    try {
      options.onError(error, context);
    } catch (hookError) {
      log('error', 'openrouter middleware: onError threw', { error: hookError });
    }
  };
  const serverHeaders: Record<string, string> = resolved.apiKey
    ? { authorization: `Bearer ${resolved.apiKey}` }
    : {};
  const models = new ModelsCache(client, resolved.modelsCacheTtlMs, () => serverHeaders);
  const owners = new GenerationOwners(store, resolved.generationTtlMs, (error) =>
    reportError(error, { phase: 'store', userId: undefined, path: '/generation' }),
  );
  const keyStore: KeyStore | undefined = options.signIn?.keyStore;

  return {
    options: resolved,
    client,
    store,
    limiter: new Limiter(store, { slotTtlMs: resolved.timeoutMs + 60_000, maxWaiting: maxWaitingPerUser }),
    models,
    owners,
    redactor,
    log,
    authorize: options.authorize,
    signIn: options.signIn,
    async policy(request, context) {
      const [allowlist, freeOnly, allowParams, denyParams, maxTokens, defaults] = await Promise.all([
        resolved.allowlist(request, context),
        resolved.freeOnly(request, context),
        resolved.allowParams(request, context),
        resolved.denyParams(request, context),
        resolved.maxTokens(request, context),
        resolved.defaults(request, context),
      ]);
      return { allowlist, freeOnly, allowParams, denyParams, maxTokens, defaults };
    },
    async upstreamKey(request, context) {
      let userKey: string | undefined;
      if (options.resolveApiKey) {
        userKey = await callHook('resolveApiKey', () => options.resolveApiKey!(request, context));
      } else if (keyStore) {
        userKey = await callHook('signIn.keyStore.get', () => keyStore.get(context.userId));
      }
      if (userKey !== undefined && userKey !== null) {
        if (typeof userKey !== 'string' || userKey.trim() === '') {
          await callHook('resolveApiKey', () => {
            throw new TypeError('must return a non-empty string or undefined');
          });
        }
        return { key: userKey, userKey: true };
      }
      return resolved.apiKey ? { key: resolved.apiKey, userKey: false } : undefined;
    },
    upstreamHeaders(request, key, extra) {
      const headers: Record<string, string> = { ...extra };
      for (const name of resolved.forwardHeaders) {
        const value = request.headers[name];
        if (typeof value === 'string' && value !== '' && !/[\r\n\0]/.test(value)) headers[name] = value;
      }
      if (key) headers.authorization = `Bearer ${key}`;
      return headers;
    },
    reportError,
    async emitUsage(event) {
      log('debug', 'openrouter middleware: usage', {
        userId: event.userId,
        endpoint: event.endpoint,
        model: event.model,
        generationId: event.generationId,
        completed: event.completed,
        tokens: event.charged.tokens,
        usd: event.charged.usd,
      });
      if (!options.onUsage) return;
      try {
        await options.onUsage(event);
      } catch (error) {
        reportError(error, { phase: 'hook', userId: event.userId, path: `/${event.endpoint}` });
      }
    },
    async close() {
      transport?.close();
      if (ownsStore) await rawStore.close();
    },
  };
}

export type { Endpoint };
