import type { NextFunction, Request, Response } from 'express';
import { createSignInRoutes } from './auth/sign-in-routes';
import { createGateway } from './gateway';
import { gatewayRejection } from './http/gateway-rejection';
import { callHook, HookError } from './http/hook-error';
import { sendError } from './http/send-error';
import { ServerTiming } from './http/server-timing';
import type { OpenRouterMiddlewareOptions } from './options/middleware-options';
import { handleCompletion, type RouteCall } from './routes/completion-route';
import { handleGeneration } from './routes/generation-route';
import { handleModels } from './routes/models-route';
import { handleUsage } from './routes/usage-route';

/** The middleware `openRouter()` returns: mount it with `app.use(path, middleware)`. */
export type OpenRouterMiddleware = ((
  request: Request,
  response: Response,
  next: NextFunction,
) => Promise<void>) & {
  /** Releases the middleware's own resources (its default in-memory store); never the app's Redis client. */
  close(): Promise<void>;
};

type Route = { method: 'GET' | 'POST'; handle: (call: RouteCall) => Promise<void> };

const maxUserIdLength = 512;

/**
 * Creates the OpenRouter gateway: an OpenAI-compatible API (`POST /chat/completions`,
 * `/completions`, `/embeddings`; `GET /models`, `/generation`, `/usage`; and the PKCE sign-in
 * routes when `signIn` is set) in front of OpenRouter, with the server's key, per-user policy and
 * limits, and streams forwarded untouched. Paths it does not serve go to `next()`.
 *
 * @example
 * app.use('/api/openrouter', openRouter({ apiKey: process.env.OPENROUTER_API_KEY, models: ['openai/*'], limits: { usdPerDay: 1 } }));
 */
export function openRouter(options: OpenRouterMiddlewareOptions = {}): OpenRouterMiddleware {
  const gateway = createGateway(options);
  const routes = new Map<string, Route>([
    ['/chat/completions', { method: 'POST', handle: (call) => handleCompletion(call, 'chat/completions') }],
    ['/completions', { method: 'POST', handle: (call) => handleCompletion(call, 'completions') }],
    ['/embeddings', { method: 'POST', handle: (call) => handleCompletion(call, 'embeddings') }],
    ['/models', { method: 'GET', handle: handleModels }],
    ['/generation', { method: 'GET', handle: handleGeneration }],
    ['/usage', { method: 'GET', handle: handleUsage }],
  ]);
  if (options.signIn) {
    const signIn = createSignInRoutes(gateway, options.signIn);
    routes.set('/auth/sign-in', { method: 'GET', handle: signIn.signIn });
    routes.set('/auth/callback', { method: 'GET', handle: signIn.callback });
    routes.set('/auth/sign-out', { method: 'POST', handle: signIn.signOut });
    routes.set('/auth/status', { method: 'GET', handle: signIn.status });
  }

  async function resolveUser(request: Request): Promise<string | undefined> {
    if (!gateway.authorize) return `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
    const authorize = gateway.authorize;
    const user = await callHook('authorize', () => authorize(request));
    if (user === null || user === undefined || user === false) return undefined;
    if (typeof user !== 'string' || user === '' || user.length > maxUserIdLength) {
      throw new HookError(
        'authorize',
        new TypeError(`must return a user id string (1-${maxUserIdLength} characters) or false`),
      );
    }
    return user;
  }

  const middleware = async function openRouterMiddleware(
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> {
    const path =
      request.path.length > 1 && request.path.endsWith('/') ? request.path.slice(0, -1) : request.path;
    const route = routes.get(path);
    if (!route) {
      next();
      return;
    }
    const timing = new ServerTiming();
    const startedAt = Date.now();
    let userId: string | undefined;
    try {
      if (request.method !== route.method && !(route.method === 'GET' && request.method === 'HEAD')) {
        response.setHeader('allow', route.method);
        sendError(
          response,
          gatewayRejection(405, 'method_not_allowed', `Use ${route.method} ${request.baseUrl}${path}`),
          {
            redactor: gateway.redactor,
            timing,
          },
        );
        return;
      }
      userId = await resolveUser(request);
      if (userId === undefined) {
        sendError(
          response,
          gatewayRejection(
            401,
            'unauthorized',
            'Sign in to use this API (the server did not recognise this request)',
          ),
          {
            redactor: gateway.redactor,
            timing,
          },
        );
        return;
      }
      await route.handle({ gateway, request, response, userId, timing, startedAt });
    } catch (error) {
      if (HookError.isInstance(error)) {
        gateway.reportError(error, { phase: 'hook', userId, path });
        if (!response.headersSent) next(error.cause);
        else if (!response.writableEnded) response.destroy();
        return;
      }
      gateway.reportError(error, { phase: 'internal', userId, path });
      if (!response.headersSent) next(error);
      else if (!response.writableEnded) response.destroy();
    }
  };
  return Object.assign(middleware, { close: () => gateway.close() });
}
